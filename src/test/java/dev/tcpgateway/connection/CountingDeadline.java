package dev.tcpgateway.connection;

import java.util.concurrent.atomic.AtomicInteger;

/** A fixed deadline that counts how often it was expired. */
final class CountingDeadline implements TimeoutSweeper.Deadline {

	final long deadline;

	final AtomicInteger expired = new AtomicInteger();

	CountingDeadline(long deadline) {
		this.deadline = deadline;
	}

	@Override
	public long deadlineNanos() {
		return this.deadline;
	}

	@Override
	public void expire() {
		this.expired.incrementAndGet();
	}

}
