package dev.tcpgateway.timeout;

import java.util.concurrent.atomic.AtomicInteger;

/** A deadline that counts how often the sweeper asked for it and expired it. */
public final class CountingDeadline implements TimeoutSweeper.Deadline {

	volatile long deadline;

	final AtomicInteger asked = new AtomicInteger();

	/**
	 * Public for the connection tests, which watch a handler call through the same
	 * interface.
	 */
	public final AtomicInteger expired = new AtomicInteger();

	public CountingDeadline(long deadline) {
		this.deadline = deadline;
	}

	@Override
	public long deadlineNanos() {
		this.asked.incrementAndGet();
		return this.deadline;
	}

	@Override
	public void expire() {
		this.expired.incrementAndGet();
	}

}
