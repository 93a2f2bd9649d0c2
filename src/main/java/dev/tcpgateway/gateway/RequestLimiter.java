package dev.tcpgateway.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code max-concurrent-requests}: the tutorial's semaphore. A request that finds every
 * slot taken waits up to {@code queue-timeout} for one, then is answered "busy" on a
 * connection that stays open.
 */
final class RequestLimiter {

	private final int maxConcurrent;

	private final Semaphore slots;

	private final long queueTimeoutNanos;

	/** Counted whether or not there is a limit: the gauge, health and drain read it. */
	private final AtomicInteger inFlight = new AtomicInteger();

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
		if (this.slots != null) {
			try {
				if (!this.slots.tryAcquire(this.queueTimeoutNanos, TimeUnit.NANOSECONDS)) {
					return false;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		this.inFlight.incrementAndGet();
		return true;
	}

	void exit() {
		this.inFlight.decrementAndGet();
		if (this.slots != null) {
			this.slots.release();
		}
	}

	/** Whether a request can wait for a slot (max-concurrent-requests is set). */
	boolean queues() {
		return this.slots != null;
	}

	/** The most requests in the handler at once; 0 for no limit. */
	int maxConcurrent() {
		return this.maxConcurrent;
	}

	/** Requests in the handler now. */
	int inFlight() {
		return this.inFlight.get();
	}

}
