package dev.tcpgateway.accept;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Replies to pipelined requests leave in one write: while the client's next request is
 * already buffered, a reply's flush is held back, and everything held goes out when the
 * connection goes back to reading (as Redis and Netty do). Spring Integration flushes
 * after every reply, one system call each.
 * <p>
 * So that a slow request cannot hold back the replies before it, the connection's sweeper
 * flushes held replies a tick later ({@link #pendingSinceNanos()}).
 */
final class CoalescingOutputStream extends OutputStream {

	private final OutputStream out;

	private final BooleanSupplier moreRequestsBuffered;

	private final LongConsumer holdStarted;

	/** Allocated on the first write: an idle connection holds none. */
	private byte @Nullable [] buffer;

	private final ReentrantLock lock = new ReentrantLock();

	private int count;

	/** When the oldest held byte was written; 0 when nothing is held. */
	private volatile long pendingSince;

	private static final int CAPACITY = 4096;

	/**
	 * @param holdStarted told the {@link System#nanoTime()} at which the oldest held byte
	 * was written, each time holding starts
	 */
	CoalescingOutputStream(OutputStream out, BooleanSupplier moreRequestsBuffered, LongConsumer holdStarted) {
		this.out = out;
		this.moreRequestsBuffered = moreRequestsBuffered;
		this.holdStarted = holdStarted;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.lock.lock();
		try {
			if (this.count == 0 && !this.moreRequestsBuffered.getAsBoolean()) {
				// The usual case, no request pipelined behind this one: straight through.
				this.out.write(bytes, offset, length);
				return;
			}
			if (this.count + length > CAPACITY) {
				writeHeld();
			}
			if (length >= CAPACITY) {
				this.out.write(bytes, offset, length);
				return;
			}
			byte[] held = this.buffer;
			if (held == null) {
				held = new byte[CAPACITY];
				this.buffer = held;
			}
			System.arraycopy(bytes, offset, held, this.count, length);
			if (this.count == 0) {
				long now = System.nanoTime();
				this.pendingSince = now;
				this.holdStarted.accept(now);
			}
			this.count += length;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Held back while the next request is already buffered; see the class comment. */
	@Override
	public void flush() throws IOException {
		if (!this.moreRequestsBuffered.getAsBoolean()) {
			flushHeld();
		}
	}

	/** Writes out whatever is held. */
	void flushHeld() throws IOException {
		this.lock.lock();
		try {
			writeHeld();
			this.out.flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	long pendingSinceNanos() {
		return this.pendingSince;
	}

	private void writeHeld() throws IOException {
		byte[] held = this.buffer;
		if (this.count > 0 && held != null) {
			int length = this.count;
			this.count = 0;
			this.pendingSince = 0;
			this.out.write(held, 0, length);
		}
	}

}
