package dev.tcpgateway.session;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's pushes waiting to be written, bounded in bytes. A virtual thread of
 * its own writes them, started when the first push arrives and ending when the queue is
 * empty, so a caller (a broadcast over thousands of connections) never waits on a client
 * that does not read: that client's queue fills, and later pushes to it are dropped.
 */
final class PushQueue {

	private final String connectionId;

	private final SessionChannel channel;

	private final PushTarget target;

	private final long maxBytes;

	private final ConcurrentLinkedQueue<Queued> frames = new ConcurrentLinkedQueue<>();

	/** Queued and being written. */
	private final AtomicLong bytes = new AtomicLong();

	private final AtomicBoolean writing = new AtomicBoolean();

	private volatile boolean closed;

	PushQueue(String connectionId, SessionChannel channel, PushTarget target, long maxBytes) {
		this.connectionId = connectionId;
		this.channel = channel;
		this.target = target;
		this.maxBytes = maxBytes;
	}

	PushResult offer(byte[] frame) {
		if (this.closed) {
			this.target.count(PushResult.FAILED);
			return PushResult.FAILED;
		}
		if (this.bytes.addAndGet(frame.length) > this.maxBytes) {
			this.bytes.addAndGet(-frame.length);
			this.target.count(PushResult.DROPPED);
			return PushResult.DROPPED;
		}
		this.target.queuedBytes(frame.length);
		this.frames.add(new Queued(frame, System.nanoTime()));
		startWriter();
		return PushResult.QUEUED;
	}

	private void startWriter() {
		if (!this.frames.isEmpty() && this.writing.compareAndSet(false, true)) {
			Thread.ofVirtual().name("tcp-push").start(this::writeAll);
		}
	}

	private void writeAll() {
		try {
			Queued next;
			while ((next = this.frames.poll()) != null) {
				write(next);
			}
		}
		finally {
			this.writing.set(false);
		}
		// A push queued after the last poll but before the flag was cleared.
		startWriter();
	}

	private void write(Queued queued) {
		try {
			if (this.closed) {
				this.target.count(PushResult.FAILED);
				return;
			}
			this.channel.writePush(queued.frame());
			this.target.delivered(this.connectionId, this.channel, queued.frame().length,
					System.nanoTime() - queued.sinceNanos());
		}
		catch (IOException | RuntimeException ex) {
			// The client reset, or stopped reading until write-timeout closed it.
			this.closed = true;
			this.target.count(PushResult.FAILED);
		}
		finally {
			release(queued.frame().length);
		}
	}

	private void release(int length) {
		this.bytes.addAndGet(-length);
		this.target.queuedBytes(-length);
	}

	/** The connection closed: what is still queued is dropped, counted as failed. */
	void close() {
		this.closed = true;
		Queued left;
		while ((left = this.frames.poll()) != null) {
			this.target.count(PushResult.FAILED);
			release(left.frame().length);
		}
	}

	private record Queued(byte[] frame, long sinceNanos) {
	}

}
