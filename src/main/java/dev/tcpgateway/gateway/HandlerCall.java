package dev.tcpgateway.gateway;

import java.util.concurrent.TimeUnit;

import dev.tcpgateway.timeout.TimeoutSweeper;

/**
 * One handler invocation under {@code handler-timeout}. When the deadline passes, the
 * handler's thread is interrupted (sleeps, socket reads and waits end at once). A handler
 * that ignores the interrupt is abandoned after a grace period: its connection is closed,
 * so the client is not left waiting on a reply that may never come.
 */
final class HandlerCall implements TimeoutSweeper.Deadline {

	private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private enum State {

		RUNNING, INTERRUPTED, ABANDONED, DONE

	}

	private final Thread thread;

	private final Runnable abandon;

	private long deadline;

	private State state = State.RUNNING;

	/**
	 * The deadline while the call is running or interrupted, else 0. Kept apart so the
	 * sweeper, and the connection reporting the deadline to it, read it without the lock,
	 * and never contend with the call's own thread for that.
	 */
	private volatile long due;

	HandlerCall(long timeoutNanos, Runnable abandon) {
		this.thread = Thread.currentThread();
		this.abandon = abandon;
		this.deadline = System.nanoTime() + timeoutNanos;
		this.due = this.deadline;
	}

	@Override
	public long deadlineNanos() {
		return this.due;
	}

	@Override
	public synchronized void expire() {
		if (this.state == State.RUNNING) {
			this.state = State.INTERRUPTED;
			this.deadline = System.nanoTime() + GRACE_NANOS;
			this.due = this.deadline;
			this.thread.interrupt();
		}
		else if (this.state == State.INTERRUPTED) {
			this.state = State.ABANDONED;
			this.due = 0;
			this.abandon.run();
		}
	}

	/**
	 * Ends the call on the handler's own thread. Returns the state it ended in; when the
	 * call timed out, clears the interrupt so that the connection's next socket read is
	 * not affected. Synchronized with {@link #expire()}, so an interrupt can never land
	 * after this returns.
	 */
	synchronized Outcome complete() {
		State ended = this.state;
		this.state = State.DONE;
		this.due = 0;
		if (ended != State.RUNNING) {
			Thread.interrupted();
		}
		return switch (ended) {
			case RUNNING, DONE -> Outcome.IN_TIME;
			case INTERRUPTED -> Outcome.TIMED_OUT;
			case ABANDONED -> Outcome.ABANDONED;
		};
	}

	enum Outcome {

		/** Finished before the deadline. */
		IN_TIME,

		/** Interrupted at the deadline; the client gets a timeout reply. */
		TIMED_OUT,

		/**
		 * Ignored the interrupt; its connection has been closed, so there is nobody to
		 * answer.
		 */
		ABANDONED

	}

}
