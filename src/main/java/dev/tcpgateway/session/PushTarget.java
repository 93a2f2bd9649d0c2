package dev.tcpgateway.session;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A listener as pushes see it: how its framing encodes a push, its {@code tcp.pushes}
 * counters, and whether its access log marks pushes.
 */
final class PushTarget {

	private static final Log accessLogger = LogFactory.getLog("tcp.access");

	private final String listener;

	private final Function<byte[], byte @Nullable []> framer;

	private final boolean accessLog;

	private final AtomicLong serverQueuedBytes;

	private final Map<PushResult, Counter> counters = new EnumMap<>(PushResult.class);

	private final Counter delivered;

	PushTarget(String listener, Function<byte[], byte @Nullable []> framer, boolean accessLog,
			AtomicLong serverQueuedBytes, MeterRegistry registry) {
		this.listener = listener;
		this.framer = framer;
		this.accessLog = accessLog;
		this.serverQueuedBytes = serverQueuedBytes;
		for (PushResult result : new PushResult[] { PushResult.DROPPED, PushResult.FAILED, PushResult.REFUSED }) {
			this.counters.put(result, counter(registry, result.tag()));
		}
		this.delivered = counter(registry, "delivered");
	}

	private Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("tcp.pushes")
			.description("Pushes to connections, by what became of them")
			.tag("listener", this.listener)
			.tag("outcome", outcome)
			.register(registry);
	}

	String listener() {
		return this.listener;
	}

	/** The payload as this listener's serializer takes it; null when it cannot go. */
	byte @Nullable [] frame(byte[] payload) {
		return this.framer.apply(payload);
	}

	void count(PushResult result) {
		Counter counter = this.counters.get(result);
		if (counter != null) {
			counter.increment();
		}
	}

	void queuedBytes(long delta) {
		this.serverQueuedBytes.addAndGet(delta);
	}

	void delivered(String connectionId, SessionChannel channel, int bytes, long queuedNanos) {
		this.delivered.increment();
		if (this.accessLog && accessLogger.isInfoEnabled()) {
			InetSocketAddress client = channel.client();
			accessLogger.info("time=" + Instant.now() + " listener=" + this.listener + " client="
					+ client.getAddress().getHostAddress() + ":" + client.getPort() + " connection=" + connectionId
					+ " push-bytes=" + bytes + " outcome=delivered latency-ms="
					+ String.format(Locale.ROOT, "%.3f", queuedNanos / 1e6));
		}
	}

}
