package dev.tcpgateway.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A graceful drain of every listener, bounded by the shutdown grace period. From its
 * first moment (readiness already says OUT_OF_SERVICE) HTTP replies say
 * {@code Connection: close} and close their connections, as Envoy does for its whole
 * drain window. The ports keep accepting for {@code drain-delay}, so a load balancer
 * moves new clients elsewhere first, then close; from then on every reply closes its
 * connection, and a connection quiet between requests for {@link #QUIET_PERIOD} is ended
 * with a FIN and a lingering read (a request already on its way must not meet a reset).
 * What is still open at the deadline is left to the listener's stop, which closes it.
 */
final class ListenerDrain {

	/**
	 * How long a connection must have waited for its next request before a drain ends it.
	 * A keep-alive client under load sends its next request well within this, and gets a
	 * reply that closes the connection instead; ending a connection at the very moment
	 * its next request leaves the client would lose that request.
	 */
	static final Duration QUIET_PERIOD = Duration.ofSeconds(1);

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
		long acceptUntil = Math.min(deadline, start + this.delay.toNanos());
		logger.info("Draining " + listeners.size() + " listener(s): readiness is OUT_OF_SERVICE"
				+ (this.delay.isZero() ? "" : "; still accepting for " + this.delay));
		listeners.forEach(ListenerAssembly::startDraining);
		sleepUntil(acceptUntil);
		stopAccepting(listeners);
		int open = endQuiet(listeners);
		while (open > 0 && System.nanoTime() - deadline < 0) {
			sleepUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
			open = endQuiet(listeners);
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

	private static void stopAccepting(List<ListenerAssembly> listeners) {
		for (ListenerAssembly listener : listeners) {
			try {
				listener.stopAccepting();
			}
			catch (IOException ex) {
				logger.warn("Could not close a listening port while draining: " + ex.getMessage());
			}
		}
	}

	private static int endQuiet(List<ListenerAssembly> listeners) {
		int open = 0;
		for (ListenerAssembly listener : listeners) {
			open += listener.endQuietConnections(QUIET_PERIOD);
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
