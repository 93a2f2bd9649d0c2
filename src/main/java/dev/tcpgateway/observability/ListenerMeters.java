package dev.tcpgateway.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.tcpgateway.accept.OpenConnections;
import dev.tcpgateway.accept.Refusal;
import dev.tcpgateway.connection.CloseReason;
import dev.tcpgateway.connection.ConnectionCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * One listener's meters, tagged {@code listener=<name>}. Everything is registered once,
 * so the per-request cost is an increment or a timer record, never a registry lookup.
 * Connection-level counts (bytes, closes, refusals) are kept by the connection package in
 * adders and read here as function counters.
 */
public final class ListenerMeters {

	/** Connections open now. */
	public static final String CONNECTIONS_ACTIVE = "tcp.connections.active";

	/** Connections accepted since start. */
	public static final String CONNECTIONS_OPENED = "tcp.connections.opened";

	/** Connections ended, tagged {@code reason} (see {@link CloseReason}). */
	public static final String CONNECTIONS_CLOSED = "tcp.connections.closed";

	/** Connections refused at accept, tagged {@code limit}. */
	public static final String CONNECTIONS_REFUSED = "tcp.connections.refused";

	/**
	 * Requests answered, tagged {@code outcome}: ok, error (handler failed), timeout
	 * (handler-timeout), busy (no slot within queue-timeout) or bad-frame (oversized,
	 * malformed or too slow to arrive).
	 */
	public static final String REQUESTS = "tcp.requests";

	/** Time in the handler per request, with a percentile histogram. */
	public static final String REQUEST_DURATION = "tcp.request.duration";

	/** Requests in the handler now. */
	public static final String REQUESTS_IN_FLIGHT = "tcp.requests.in-flight";

	/**
	 * Time a request waited for a slot under max-concurrent-requests (only registered
	 * when that is set).
	 */
	public static final String REQUEST_QUEUE_WAIT = "tcp.request.queue.wait";

	/** Requests over max-frame-size (or HTTP heads over their limit). */
	public static final String FRAMES_TOO_LARGE = "tcp.frames.too-large";

	/** Bytes read from clients. */
	public static final String BYTES_RECEIVED = "tcp.bytes.received";

	/** Bytes written to clients. */
	public static final String BYTES_SENT = "tcp.bytes.sent";

	private static final String[] NAMES = { CONNECTIONS_ACTIVE, CONNECTIONS_OPENED, CONNECTIONS_CLOSED,
			CONNECTIONS_REFUSED, REQUESTS, REQUEST_DURATION, REQUESTS_IN_FLIGHT, REQUEST_QUEUE_WAIT, FRAMES_TOO_LARGE,
			BYTES_RECEIVED, BYTES_SENT };

	private final Counter ok;

	private final Counter error;

	private final Counter badFrame;

	private final Counter timeout;

	private final Counter busy;

	private final Counter framesTooLarge;

	private final Timer duration;

	private final @Nullable Timer queueWait;

	private ListenerMeters(MeterRegistry registry, String listener, boolean queued) {
		this.ok = requests(registry, listener, "ok");
		this.error = requests(registry, listener, "error");
		this.badFrame = requests(registry, listener, "bad-frame");
		this.timeout = requests(registry, listener, "timeout");
		this.busy = requests(registry, listener, "busy");
		this.framesTooLarge = Counter.builder(FRAMES_TOO_LARGE)
			.tag("listener", listener)
			.description("Requests refused for exceeding max-frame-size")
			.register(registry);
		this.duration = Timer.builder(REQUEST_DURATION)
			.tag("listener", listener)
			.description("Time the handler took per request")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry);
		this.queueWait = queued ? Timer.builder(REQUEST_QUEUE_WAIT)
			.tag("listener", listener)
			.description("Time requests waited for a slot under max-concurrent-requests")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(1))
			.register(registry) : null;
	}

	/**
	 * Registers a listener's meters.
	 * @param inFlight the requests in the handler now
	 * @param queued whether requests can wait for a slot (max-concurrent-requests set)
	 */
	public static ListenerMeters register(MeterRegistry registry, String listener, OpenConnections connections,
			ConnectionCounters counters, IntSupplier inFlight, boolean queued) {
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
		for (CloseReason reason : CloseReason.values()) {
			FunctionCounter.builder(CONNECTIONS_CLOSED, counters, (counted) -> counted.closes(reason))
				.tag("listener", listener)
				.tag("reason", reason.tag())
				.description("TCP connections ended, by why they ended")
				.register(registry);
		}
		FunctionCounter.builder(BYTES_RECEIVED, counters, ConnectionCounters::bytesReceived)
			.tag("listener", listener)
			.baseUnit("bytes")
			.description("Bytes read from clients")
			.register(registry);
		FunctionCounter.builder(BYTES_SENT, counters, ConnectionCounters::bytesSent)
			.tag("listener", listener)
			.baseUnit("bytes")
			.description("Bytes written to clients")
			.register(registry);
		// Strong: a gauge holds its source weakly, and nothing else holds this lambda.
		Gauge.builder(REQUESTS_IN_FLIGHT, inFlight, IntSupplier::getAsInt)
			.strongReference(true)
			.tag("listener", listener)
			.description("Requests in the handler now")
			.register(registry);
		return new ListenerMeters(registry, listener, queued);
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
		for (String name : NAMES) {
			registry.find(name).tag("listener", listener).meters().forEach(registry::remove);
		}
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

	public void frameTooLarge() {
		this.framesTooLarge.increment();
	}

	public void timeout() {
		this.timeout.increment();
	}

	public void busy() {
		this.busy.increment();
	}

	/** The handler's time for one request. */
	public void handled(long nanos) {
		this.duration.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** A request's wait for a slot, when requests can wait. */
	public void waited(long nanos) {
		if (this.queueWait != null) {
			this.queueWait.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

}
