package dev.tcpgateway.observability;

import dev.tcpgateway.connection.OpenConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One listener's meters, tagged {@code listener=<name>}. The counters are created once, so the
 * per-request cost is an increment, not a registry lookup.
 */
public final class ListenerMeters {

	/** Connections open now. */
	public static final String CONNECTIONS_ACTIVE = "tcp.connections.active";

	/** Connections accepted since start. */
	public static final String CONNECTIONS_OPENED = "tcp.connections.opened";

	/** Requests answered, tagged {@code outcome}: ok, error (handler failed) or bad-frame. */
	public static final String REQUESTS = "tcp.requests";

	private final Counter ok;

	private final Counter error;

	private final Counter badFrame;

	private ListenerMeters(Counter ok, Counter error, Counter badFrame) {
		this.ok = ok;
		this.error = error;
		this.badFrame = badFrame;
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
		return new ListenerMeters(requests(registry, listener, "ok"), requests(registry, listener, "error"),
				requests(registry, listener, "bad-frame"));
	}

	private static Counter requests(MeterRegistry registry, String listener, String outcome) {
		return Counter.builder(REQUESTS)
			.tag("listener", listener)
			.tag("outcome", outcome)
			.description("Requests answered, by outcome")
			.register(registry);
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

}
