package dev.tcpgateway.gateway;

import java.time.Instant;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One line per request, at INFO, through the logger {@code tcp.access}, as
 * space-separated {@code key=value} pairs (logfmt) in a fixed order, so that tools can
 * parse it:
 *
 * <pre>
 * time=2026-11-25T04:30:00.123Z listener=commands client=127.0.0.1:51234 connection=127.0.0.1:51234:1730:5f0c... request-bytes=6 reply-bytes=6 outcome=ok latency-ms=0.084
 * </pre>
 *
 * Written after the request has left its concurrency slot, so a slow log appender never
 * holds one.
 */
final class AccessLog {

	static final String LOGGER = "tcp.access";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final String listener;

	AccessLog(String listener) {
		this.listener = listener;
	}

	void log(@Nullable Object client, @Nullable String connectionId, int requestBytes, int replyBytes, Outcome outcome,
			long latencyNanos) {
		if (logger.isInfoEnabled()) {
			logger.info("time=" + Instant.now() + " listener=" + this.listener + " client=" + client + " connection="
					+ connectionId + " request-bytes=" + requestBytes + " reply-bytes=" + replyBytes + " outcome="
					+ outcome.tag() + " latency-ms=" + String.format(Locale.ROOT, "%.3f", latencyNanos / 1e6));
		}
	}

}
