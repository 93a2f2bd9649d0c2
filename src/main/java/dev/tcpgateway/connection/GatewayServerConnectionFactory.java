package dev.tcpgateway.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's blocking server factory, with its bookkeeping of closed
 * connections amortised. The stock factory walks every open connection after every accept
 * (building a list and making a log-level check per connection), so accepting N
 * connections costs O(N^2) on the one accept thread: with 10,000 clients connecting at
 * once, accepts queue up behind that walk. Here the walk runs at most every
 * {@value #HARVEST_INTERVAL_MILLIS} ms of accepting, which still drops closed connections
 * from its map promptly.
 */
public final class GatewayServerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final long HARVEST_INTERVAL_MILLIS = 100;

	private static final long HARVEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(HARVEST_INTERVAL_MILLIS);

	/** Touched by the accept thread only. */
	private long lastHarvest = System.nanoTime();

	GatewayServerConnectionFactory(int port) {
		super(port);
	}

	/**
	 * Closes one connection, counted under this reason; false when it is no longer open.
	 */
	public boolean closeConnection(String connectionId, CloseReason reason) {
		if (this.connections.get(connectionId) instanceof GatewayConnection connection) {
			connection.closeFor(reason);
			return true;
		}
		return false;
	}

	/**
	 * For a drain: ends the connections that have waited quietly for their next request
	 * for {@code quiet} (see {@link GatewayConnection#endIfQuiet}); a connection in the
	 * middle of a request is left to finish it, and its reply closes it. Returns how many
	 * are still open, ending ones included.
	 */
	public int endQuietConnections(Duration quiet) {
		long now = System.nanoTime();
		int open = 0;
		for (Object connection : this.connections.values()) {
			if (connection instanceof GatewayConnection gatewayConnection && gatewayConnection.isOpen()) {
				gatewayConnection.endIfQuiet(now, quiet.toNanos());
				open++;
			}
		}
		return open;
	}

	/** Every connection still open is closed by the stop: count them as such. */
	@Override
	public void stop() {
		for (Object connection : this.connections.values()) {
			if (connection instanceof GatewayConnection gatewayConnection) {
				gatewayConnection.closeFor(CloseReason.SHUTDOWN);
			}
		}
		super.stop();
	}

	@Override
	protected void harvestClosedConnections() {
		long now = System.nanoTime();
		if (now - this.lastHarvest >= HARVEST_INTERVAL_NANOS) {
			this.lastHarvest = now;
			super.harvestClosedConnections();
		}
	}

}
