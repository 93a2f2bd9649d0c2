package dev.tcpgateway.connection;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces deadlines the JDK cannot: a blocking socket write has no timeout, and a
 * handler call has none either. Watched items publish a deadline; one thread checks them
 * every tick and expires the late ones. A watched item costs a set insertion, not a
 * scheduled task per operation.
 */
public final class TimeoutSweeper implements AutoCloseable {

	/** Something with a deadline that the sweeper can enforce. */
	public interface Deadline {

		/**
		 * The {@link System#nanoTime()} by which it must be done, or 0 when nothing is
		 * pending.
		 */
		long deadlineNanos();

		/** Called (on the sweeper's thread) once the deadline has passed. */
		void expire();

	}

	private final Set<Deadline> watched = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService ticker;

	public TimeoutSweeper(Duration tick) {
		this.ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tcp-timeout-sweeper").factory());
		this.ticker.scheduleWithFixedDelay(this::sweep, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
	}

	public void watch(Deadline deadline) {
		this.watched.add(deadline);
	}

	public void unwatch(Deadline deadline) {
		this.watched.remove(deadline);
	}

	private void sweep() {
		long now = System.nanoTime();
		for (Deadline deadline : this.watched) {
			long due = deadline.deadlineNanos();
			if (due != 0 && now - due > 0) {
				try {
					deadline.expire();
				}
				catch (RuntimeException ex) {
					// One misbehaving item must not stop enforcement for all the others.
				}
			}
		}
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

}
