package dev.tcpgateway.connection;

import java.util.concurrent.atomic.AtomicInteger;

/** A deadline that counts how often the sweeper asked for it and expired it. */
final class CountingDeadline implements TimeoutSweeper.Deadline {

	volatile long deadline;

	final AtomicInteger asked = new AtomicInteger();

	final AtomicInteger expired = new AtomicInteger();

	CountingDeadline(long deadline) {
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
