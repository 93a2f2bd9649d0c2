package dev.tcpgateway.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A graceful drain of every listener, bounded by the shutdown grace period: keep
 * accepting for {@code drain-delay} (readiness already says OUT_OF_SERVICE, so a load
 * balancer moves new clients elsewhere), then close the ports, let each request in
 * progress finish and deliver its reply (which now closes its connection), and close
 * connections as soon as they wait for a request. What is still open at the deadline is
 * left to the listener's stop, which closes it.
 */
final class ListenerDrain {

	private static final Log logger = LogFactory.getLog(ListenerDrain.class);

	private static final long POLL_MILLIS = 50;

	private final Duration delay;

	private final Duration grace;

	ListenerDrain(Duration delay, Duration grace) {
		this.delay = delay;
		this.grace = grace;
	}

	void drain(List<ListenerAssembly> listeners) {
		long start = System.nanoTime();
		// Leave part of the grace period for the forced stop, so the whole shutdown phase
		// ends within it even when a handler hangs.
		long deadline = start + this.grace.toNanos() - Math.min(this.grace.toNanos() / 10, TimeUnit.SECONDS.toNanos(1));
		logger.info("Draining " + listeners.size() + " listener(s): readiness is OUT_OF_SERVICE"
				+ (this.delay.isZero() ? "" : "; still accepting for " + this.delay));
		sleepUntil(Math.min(deadline, start + this.delay.toNanos()));
		for (ListenerAssembly listener : listeners) {
			try {
				listener.startDraining();
			}
			catch (IOException ex) {
				logger.warn("Could not close a listening port while draining: " + ex.getMessage());
			}
		}
		int open = closeIdle(listeners);
		while (open > 0 && System.nanoTime() - deadline < 0) {
			sleepUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
			open = closeIdle(listeners);
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		if (open > 0) {
			logger.warn("Drain ended after " + millis + " ms with " + open
					+ " connection(s) still in a request; closing them (spring.lifecycle.timeout-per-shutdown-phase is "
					+ this.grace + ")");
		}
		else {
			logger.info("Drained every connection in " + millis + " ms");
		}
	}

	private static int closeIdle(List<ListenerAssembly> listeners) {
		int open = 0;
		for (ListenerAssembly listener : listeners) {
			open += listener.closeIdleConnections();
		}
		return open;
	}

	private static void sleepUntil(long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(remaining);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
