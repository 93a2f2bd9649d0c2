package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * An accepted socket that holds one of the listener's connection slots and gives it back
 * when it is closed, whichever code path closes it (our connection, Spring Integration, a
 * shutdown).
 */
final class AdmittedSocket extends Socket {

	private final OpenConnections connections;

	private final ConnectionCounters counters;

	private @Nullable OutputStream output;

	private final AtomicBoolean holdsSlot = new AtomicBoolean();

	private volatile @Nullable InetAddress client;

	AdmittedSocket(OpenConnections connections, ConnectionCounters counters) {
		this.connections = connections;
		this.counters = counters;
	}

	/** The socket's output, counted for {@code tcp.bytes.sent}. */
	@Override
	public synchronized OutputStream getOutputStream() throws IOException {
		if (this.output == null) {
			this.output = new CountingOutputStream(super.getOutputStream(), this.counters);
		}
		return this.output;
	}

	/**
	 * @param client the address counted against max-connections-per-client, or null while
	 * the real client is not known yet (PROXY protocol)
	 */
	void slotTaken(@Nullable InetAddress client) {
		this.client = client;
		this.holdsSlot.set(true);
	}

	/**
	 * Counts the real client, from the PROXY header, against max-connections-per-client;
	 * false when it holds them all already.
	 */
	synchronized boolean takeClientSlot(InetAddress realClient) {
		if (!this.connections.tryTakeClientSlot(realClient)) {
			return false;
		}
		this.client = realClient;
		return true;
	}

	/** Counts this connection as refused for that reason (it is about to be closed). */
	void refused(Refusal reason) {
		this.connections.countRefusal(reason);
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			super.close();
		}
		finally {
			if (this.holdsSlot.compareAndSet(true, false)) {
				this.connections.close(this.client);
			}
		}
	}

}
