package dev.tcpgateway.observability;

import dev.tcpgateway.connection.OpenConnections;
import dev.tcpgateway.connection.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One listener's meters, tagged {@code listener=<name>}. The counters are created once,
 * so the per-request cost is an increment, not a registry lookup.
 */
public final class ListenerMeters {

	/** Connections open now. */
	public static final String CONNECTIONS_ACTIVE = "tcp.connections.active";

	/** Connections accepted since start. */
	public static final String CONNECTIONS_OPENED = "tcp.connections.opened";

	/**
	 * Requests answered, tagged {@code outcome}: ok, error (handler failed), timeout
	 * (handler-timeout), busy (no slot within queue-timeout) or bad-frame (oversized,
	 * malformed or too slow to arrive).
	 */
	public static final String REQUESTS = "tcp.requests";

	/** Connections refused at accept, tagged {@code limit}. */
	public static final String CONNECTIONS_REFUSED = "tcp.connections.refused";

	private final Counter ok;

	private final Counter error;

	private final Counter badFrame;

	private final Counter timeout;

	private final Counter busy;

	private ListenerMeters(MeterRegistry registry, String listener) {
		this.ok = requests(registry, listener, "ok");
		this.error = requests(registry, listener, "error");
		this.badFrame = requests(registry, listener, "bad-frame");
		this.timeout = requests(registry, listener, "timeout");
		this.busy = requests(registry, listener, "busy");
	}

	public static ListenerMeters register(MeterRegistry registry, String listener, OpenConnections connections) {
		Gauge.builder(CONNECTIONS_ACTIVE, connections, OpenConnections::count)
			.tag("listener", listener)
			.description("TCP connections open now")
			.register(registry);
		FunctionCounter.builder(CONNECTIONS_OPENED, connections, OpenConnections::accepted)
			.tag("listener", listener)
			.description("TCP connections accepted")
			.register(registry);
		for (Refusal refusal : Refusal.values()) {
			FunctionCounter.builder(CONNECTIONS_REFUSED, connections, (open) -> open.refused(refusal))
				.tag("listener", listener)
				.tag("limit", refusal.tag())
				.description("TCP connections refused at accept, by the limit that refused them")
				.register(registry);
		}
		return new ListenerMeters(registry, listener);
	}

	private static Counter requests(MeterRegistry registry, String listener, String outcome) {
		return Counter.builder(REQUESTS)
			.tag("listener", listener)
			.tag("outcome", outcome)
			.description("Requests answered, by outcome")
			.register(registry);
	}

	/**
	 * Removes every meter of a stopped listener, so a restart can register fresh ones.
	 */
	public static void remove(MeterRegistry registry, String listener) {
		registry.find(CONNECTIONS_ACTIVE).tag("listener", listener).meters().forEach(registry::remove);
		registry.find(CONNECTIONS_OPENED).tag("listener", listener).meters().forEach(registry::remove);
		registry.find(CONNECTIONS_REFUSED).tag("listener", listener).meters().forEach(registry::remove);
		registry.find(REQUESTS).tag("listener", listener).meters().forEach(registry::remove);
	}

	public void ok() {
		this.ok.increment();
	}

	public void error() {
		this.error.increment();
	}

	public void badFrame() {
		this.badFrame.increment();
	}

	public void timeout() {
		this.timeout.increment();
	}

	public void busy() {
		this.busy.increment();
	}

}
