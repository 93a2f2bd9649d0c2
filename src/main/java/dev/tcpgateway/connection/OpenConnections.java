package dev.tcpgateway.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** How many connections a listener holds now and has accepted since it started. */
public final class OpenConnections {

	private final AtomicInteger open = new AtomicInteger();

	private final LongAdder accepted = new LongAdder();

	void opened() {
		this.open.incrementAndGet();
		this.accepted.increment();
	}

	void closed() {
		this.open.decrementAndGet();
	}

	public int count() {
		return this.open.get();
	}

	public long accepted() {
		return this.accepted.sum();
	}

}
