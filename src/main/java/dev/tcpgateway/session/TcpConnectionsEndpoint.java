package dev.tcpgateway.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/tcpconnections}: the open connections per listener, bounded by
 * {@code limit}; one by name or id; and, when its access allows writes, a push to one
 * ({@code POST {"payload": "text"}}) or closing it ({@code DELETE}). Read-only unless
 * {@code management.endpoint.tcpconnections.access=unrestricted}.
 */
@Endpoint(id = "tcpconnections", defaultAccess = Access.READ_ONLY)
public class TcpConnectionsEndpoint {

	private static final int DEFAULT_LIMIT = 100;

	private final TcpConnections connections;

	TcpConnectionsEndpoint(TcpConnections connections) {
		this.connections = connections;
	}

	/** Per listener its open connections, at most {@code limit} of each, and totals. */
	@ReadOperation
	public Listing connections(@Nullable Integer limit) {
		int shown = (limit != null) ? Math.max(0, limit) : DEFAULT_LIMIT;
		Map<String, ListenerConnections> listeners = new LinkedHashMap<>();
		Map<String, List<ConnectionView>> views = new LinkedHashMap<>();
		Map<String, Integer> open = new LinkedHashMap<>();
		int total = 0;
		int named = 0;
		for (TcpSession session : this.connections.list(null)) {
			total++;
			if (session.name() != null) {
				named++;
			}
			open.merge(session.listener(), 1, Integer::sum);
			List<ConnectionView> list = views.computeIfAbsent(session.listener(), (key) -> new ArrayList<>());
			if (list.size() < shown) {
				list.add(ConnectionView.of(session));
			}
		}
		open.forEach((listener, count) -> listeners.put(listener,
				new ListenerConnections(count, views.getOrDefault(listener, List.of()))));
		return new Listing(new Totals(total, named, this.connections.queuedBytes()), listeners,
				this.connections.cluster().orElse(null));
	}

	/** One connection by name or id; 404 when none is open. */
	@ReadOperation
	public @Nullable ConnectionView connection(@Selector String nameOrId) {
		return this.connections.find(nameOrId).map(ConnectionView::of).orElse(null);
	}

	/** Pushes {@code payload} as one frame of the connection's framing. */
	@WriteOperation
	public Map<String, String> push(@Selector String nameOrId, String payload) {
		return Map.of("result", this.connections.send(nameOrId, payload).tag());
	}

	/** Closes the connection (close reason {@code closed-by-server}). */
	@DeleteOperation
	public Map<String, Boolean> close(@Selector String nameOrId) {
		return Map.of("closed", this.connections.close(nameOrId));
	}

	/**
	 * @param cluster the deployment's count when the cluster is on ({@code null}
	 * otherwise); {@code totals} and {@code listeners} are this instance's
	 */
	public record Listing(Totals totals, Map<String, ListenerConnections> listeners, @Nullable ClusterCount cluster) {
	}

	public record Totals(int connections, int named, long queuedPushBytes) {
	}

	/**
	 * @param open connections open on the listener
	 * @param connections the first {@code limit} of them
	 */
	public record ListenerConnections(int open, List<ConnectionView> connections) {
	}

	public record ConnectionView(String id, @Nullable String name, String listener, String client, Instant opened,
			long idleMillis, long requests, long bytesIn, long bytesOut) {

		static ConnectionView of(TcpSession session) {
			SessionChannel channel = session.channel();
			long idle = (channel != null) ? TimeUnit.NANOSECONDS.toMillis(channel.idleNanos()) : 0;
			return new ConnectionView(session.id(), session.name(), session.listener(),
					session.client().getAddress().getHostAddress() + ":" + session.client().getPort(), session.opened(),
					idle, (channel != null) ? channel.requests() : 0, (channel != null) ? channel.bytesIn() : 0,
					(channel != null) ? channel.bytesOut() : 0);
		}

	}

}
