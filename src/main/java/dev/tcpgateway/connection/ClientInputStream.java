package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A buffered view of the socket for the deserializers, which also enforces the read
 * timeouts.
 * <p>
 * Buffering: Spring Integration hands deserializers the raw socket stream, which they
 * read a byte per system call; buffering roughly doubles throughput. Unlike
 * {@link java.io.BufferedInputStream} it takes no lock, since one thread reads a
 * connection.
 * <p>
 * Timeouts: between frames a read may wait {@code idle-timeout}; once the first byte of a
 * frame has arrived, the whole frame must arrive within {@code frame-timeout}, however
 * slowly the client trickles it (slowloris).
 * <p>
 * A reset by the peer is a client leaving, not a server error, so it ends the connection
 * quietly.
 */
final class ClientInputStream extends InputStream {

	private final Socket socket;

	private final InputStream in;

	private final byte[] buffer;

	private final int idleTimeoutMillis;

	private final long frameTimeoutNanos;

	private int position;

	private int limit;

	private boolean betweenFrames = true;

	private long frameDeadline;

	/**
	 * Whether the pending read's timeout is what is left of the frame (else the idle
	 * timeout).
	 */
	private boolean frameBound;

	private volatile boolean discarded;

	/**
	 * Blocked between requests with nothing buffered (or not reading yet): a drain may
	 * close the connection without cutting a request short.
	 */
	private volatile boolean waitingForRequest = true;

	/** Runs before a read that may block: replies held back for coalescing go out. */
	private @Nullable FlushHook beforeBlockingRead;

	private final ConnectionCounters counters;

	/** How the input ended, when it ended on the client's side or at idle-timeout. */
	private volatile @Nullable CloseReason endedBy;

	ClientInputStream(Socket socket, int bufferSize, ReadTimeouts timeouts, ConnectionCounters counters)
			throws IOException {
		this.socket = socket;
		this.counters = counters;
		this.in = socket.getInputStream();
		this.buffer = new byte[bufferSize];
		this.idleTimeoutMillis = timeouts.idleMillis();
		this.frameTimeoutNanos = timeouts.frameNanos();
	}

	/**
	 * Bounds the reads from now on by one deadline, as if a frame had started (the PROXY
	 * protocol header); {@link #nextFrame} ends it.
	 */
	void startDeadline(long timeoutNanos) {
		if (timeoutNanos > 0) {
			this.betweenFrames = false;
			this.frameDeadline = System.nanoTime() + timeoutNanos;
		}
	}

	/** The next byte read starts a new frame, and with it the frame timeout. */
	void nextFrame() {
		this.betweenFrames = true;
	}

	/**
	 * Drops what is buffered and ends every later read: once the connection is closed,
	 * requests a client pipelined behind the last one (after {@code QUIT}, say) must not
	 * be processed.
	 */
	void discard() {
		this.discarded = true;
	}

	@Override
	public int read() throws IOException {
		checkNotDiscarded();
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		frameByteSeen();
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		checkNotDiscarded();
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		frameByteSeen();
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	void beforeBlockingRead(FlushHook hook) {
		this.beforeBlockingRead = hook;
	}

	/** Whether bytes of the client's next request are already buffered. */
	boolean hasBufferedBytes() {
		return this.position < this.limit;
	}

	boolean isWaitingForRequest() {
		return this.waitingForRequest;
	}

	/** Output to write out before blocking on input. */
	@FunctionalInterface
	interface FlushHook {

		void flush() throws IOException;

	}

	@Nullable CloseReason endedBy() {
		return this.endedBy;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.in.available();
	}

	private void frameByteSeen() {
		if (this.betweenFrames) {
			this.betweenFrames = false;
			this.frameDeadline = System.nanoTime() + this.frameTimeoutNanos;
		}
	}

	private void checkNotDiscarded() throws SoftEndOfStreamException {
		if (this.discarded) {
			throw new SoftEndOfStreamException("Connection closed by the server");
		}
	}

	private boolean fill() throws IOException {
		this.socket.setSoTimeout(readTimeoutMillis());
		int count;
		this.waitingForRequest = this.betweenFrames;
		try {
			if (this.beforeBlockingRead != null) {
				this.beforeBlockingRead.flush();
			}
			count = this.in.read(this.buffer, 0, this.buffer.length);
		}
		catch (SocketTimeoutException ex) {
			if (this.frameBound) {
				throw new FrameTimeoutException();
			}
			this.endedBy = CloseReason.IDLE_TIMEOUT;
			throw ex;
		}
		catch (SocketException ex) {
			this.endedBy = CloseReason.CLIENT;
			throw new SoftEndOfStreamException("Connection ended by the peer: " + ex.getMessage());
		}
		finally {
			this.waitingForRequest = false;
		}
		if (count > 0) {
			this.counters.received(count);
		}
		else {
			this.endedBy = CloseReason.CLIENT;
		}
		this.position = 0;
		this.limit = Math.max(count, 0);
		return count > 0;
	}

	/**
	 * How long the next socket read may block: the idle timeout, or what is left of the
	 * frame's.
	 */
	private int readTimeoutMillis() throws FrameTimeoutException {
		this.frameBound = false;
		if (this.betweenFrames) {
			return this.idleTimeoutMillis;
		}
		long remainingNanos = this.frameDeadline - System.nanoTime();
		if (remainingNanos <= 0) {
			throw new FrameTimeoutException();
		}
		// Rounded up: a timeout that fires before the deadline would pass for an idle
		// timeout.
		int remainingMillis = (int) Math.min(Integer.MAX_VALUE, (remainingNanos + 999_999) / 1_000_000);
		if (this.idleTimeoutMillis != 0 && this.idleTimeoutMillis < remainingMillis) {
			return this.idleTimeoutMillis;
		}
		this.frameBound = true;
		return remainingMillis;
	}

}
