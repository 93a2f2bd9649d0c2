package dev.tcpgateway.accept;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Accept errors such as "Too many open files" come in bursts that last until descriptors
 * free up. This logs the first of a burst, a reminder at most once a minute, and the
 * recovery, and computes the back-off between retries, so the loop neither floods the log
 * nor spins. While descriptors are short, each one freed lets a single accept succeed
 * before the next fails: a burst ends only at an accept that succeeds a quiet second
 * after the last failure, so such flapping is one burst, logged once.
 */
final class AcceptFailures {

	private static final Log logger = LogFactory.getLog(AcceptFailures.class);

	private static final long MIN_BACKOFF_MILLIS = 5;

	private static final long MAX_BACKOFF_MILLIS = 500;

	private static final long REMINDER_NANOS = Duration.ofMinutes(1).toNanos();

	/** Longer than the longest back-off, so retries within a burst never look quiet. */
	private static final long QUIET_NANOS = Duration.ofSeconds(1).toNanos();

	private final String listener;

	private volatile @Nullable String current;

	/** The last accept error and when it happened, kept after accepts succeed again. */
	private volatile @Nullable String last;

	private long failuresInBurst;

	private long burstStartedNanos;

	private long lastLogNanos;

	private long lastFailureNanos;

	AcceptFailures(String listener) {
		this.listener = listener;
	}

	/** Records a failed accept and returns how long to wait before the next one. */
	long failed(IOException ex) {
		long now = System.nanoTime();
		if (this.failuresInBurst == 0) {
			this.burstStartedNanos = now;
			this.lastLogNanos = now;
			logger.warn(this.listener + ": cannot accept connections (" + ex.getMessage() + "); retrying");
		}
		else if (now - this.lastLogNanos > REMINDER_NANOS) {
			this.lastLogNanos = now;
			logger.warn(this.listener + ": still cannot accept connections (" + ex.getMessage() + "), "
					+ this.failuresInBurst + " failed attempts so far");
		}
		this.failuresInBurst++;
		this.lastFailureNanos = now;
		this.current = ex.getMessage();
		this.last = ex.getMessage() + " at " + Instant.now();
		return Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS << Math.min(this.failuresInBurst, 10));
	}

	/**
	 * Called after every successful accept. The listener accepts again, so health says so
	 * at once; the burst ends (and its recovery is logged) once failures have stopped for
	 * a quiet second.
	 */
	void succeeded() {
		if (this.failuresInBurst > 0) {
			this.current = null;
			long now = System.nanoTime();
			if (now - this.lastFailureNanos < QUIET_NANOS) {
				return;
			}
			long millis = Duration.ofNanos(this.lastFailureNanos - this.burstStartedNanos).toMillis();
			logger.info(this.listener + ": accepting connections again after " + this.failuresInBurst
					+ " failed attempts over " + millis + " ms");
			this.failuresInBurst = 0;
			this.current = null;
		}
	}

	/** The last accept error with its time, or null if there never was one. */
	@Nullable String last() {
		return this.last;
	}

	/** The error of the burst in progress, or null while accepts succeed. */
	@Nullable String current() {
		return this.current;
	}

}
