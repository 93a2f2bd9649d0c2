package dev.tcpgateway.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code max-concurrent-requests}: the tutorial's semaphore. A request that finds every
 * slot taken waits up to {@code queue-timeout} for one, then is answered "busy" on a
 * connection that stays open.
 */
final class RequestLimiter {

	private final int maxConcurrent;

	private final Semaphore slots;

	private final long queueTimeoutNanos;

	/**
	 * @param maxConcurrent the most handler calls at once; 0 for no limit
	 */
	RequestLimiter(int maxConcurrent, Duration queueTimeout) {
		this.maxConcurrent = maxConcurrent;
		this.slots = (maxConcurrent > 0) ? new Semaphore(maxConcurrent, true) : null;
		this.queueTimeoutNanos = queueTimeout.toNanos();
	}

	/**
	 * Takes a slot, waiting at most {@code queue-timeout}; false when none freed up in
	 * time.
	 */
	boolean tryEnter() {
		if (this.slots == null) {
			return true;
		}
		try {
			return this.slots.tryAcquire(this.queueTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void exit() {
		if (this.slots != null) {
			this.slots.release();
		}
	}

	/** Handler calls running now (0 when unlimited, since nothing is counted then). */
	int inFlight() {
		return (this.slots != null) ? this.maxConcurrent - this.slots.availablePermits() : 0;
	}

}
