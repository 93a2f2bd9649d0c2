package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.LongConsumer;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.framing.FrameMemory;
import dev.tcpgateway.memory.ClientMemoryBudget;
import dev.tcpgateway.tls.EndableReads;
import dev.tcpgateway.timeout.TimeoutSweeper;
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
 * slowly the client trickles it (slowloris). On a plain socket the read itself is
 * untimed: it publishes its deadline, and the {@link TimeoutSweeper} shuts the socket's
 * input once that has passed, which ends the read. A socket timeout would make every read
 * of a virtual thread that has to wait a timed park, which schedules and cancels a task
 * on the JDK's shared timer queue: measured, that was a third of the server's CPU time
 * per keep-alive request. A TLS socket keeps the socket timeout: shutting its input under
 * the TLS session would fail the session, and the frame-timeout reply could no longer be
 * written.
 * <p>
 * A reset by the peer is a client leaving, not a server error, so it ends the connection
 * quietly.
 * <p>
 * Memory: the frame being read charges its buffer's growth to the connection's account in
 * the server-wide {@link ClientMemoryBudget}, released once the frame is read or the
 * connection closes. The input buffer is not charged: it never exceeds its fixed size, so
 * {@code max-connections} bounds it and it is known at start.
 * <p>
 * The input buffer grows as the client sends, up to its full size: the first read waits
 * for a single byte (a read allocates its array before it blocks, so a client that
 * connects and sends nothing holds no buffer: the common case with 10,000 held
 * connections), the next one gets {@value #FIRST_BUFFER_SIZE} bytes, and the buffer
 * doubles each time a read fills it. A client that only sends short requests holds
 * {@value #FIRST_BUFFER_SIZE} bytes; a busy one reaches the full size after a few reads.
 */
final class ClientInputStream extends InputStream implements FrameMemory {

	private final Socket socket;

	private final InputStream in;

	/** The size of the input buffer's first allocation. */
	static final int FIRST_BUFFER_SIZE = 512;

	private static final byte[] NOT_YET_READ = new byte[0];

	/** Grows up to {@link #bufferSize}; see the class comment. */
	private byte[] buffer = NOT_YET_READ;

	private final int bufferSize;

	private final int idleTimeoutMillis;

	private final long idleTimeoutNanos;

	private final long frameTimeoutNanos;

	/** Whether the sweeper enforces the read deadlines (else the socket timeout). */
	private final boolean sweptDeadlines;

	private final boolean tls;

	/**
	 * Whether the handshake's socket timeout is still set on a TLS socket whose reads the
	 * sweeper bounds: the first read after the handshake clears it.
	 */
	private boolean handshakeTimeoutSet;

	/**
	 * While a read waits on a plain socket: the {@link System#nanoTime()} by which it
	 * must return; else 0.
	 */
	private volatile long readDeadline;

	private final LongConsumer deadlineStarted;

	/** Set by the sweeper when it ended a read at its deadline. */
	private volatile boolean readExpired;

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

	/** This connection's bytes, for the connections endpoint (only its reader adds). */
	private volatile long bytesRead;

	private final ClientMemoryBudget.Account memory;

	/** How the input ended, when it ended on the client's side or at idle-timeout. */
	private volatile @Nullable CloseReason endedBy;

	/**
	 * @param deadlineStarted told each read deadline the sweeper is to enforce (see
	 * {@link TimeoutSweeper.Watch#due})
	 */
	ClientInputStream(Socket socket, int bufferSize, ReadTimeouts timeouts, ConnectionCounters counters,
			ClientMemoryBudget.Account memory, LongConsumer deadlineStarted) throws IOException {
		this.socket = socket;
		this.memory = memory;
		this.deadlineStarted = deadlineStarted;
		this.counters = counters;
		this.in = socket.getInputStream();
		this.bufferSize = bufferSize;
		this.idleTimeoutMillis = timeouts.idleMillis();
		this.idleTimeoutNanos = timeouts.idle().toNanos();
		this.frameTimeoutNanos = timeouts.frameNanos();
		this.tls = socket instanceof SSLSocket;
		this.sweptDeadlines = !this.tls || socket instanceof EndableReads;
		this.handshakeTimeoutSet = this.tls && this.sweptDeadlines;
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
	 * The frame has been read (or given up): what its buffers held is no longer charged.
	 * From here the request is the handler's, so a connection in its handler is never
	 * chosen to free memory.
	 */
	void frameRead() {
		this.memory.releaseAll();
	}

	@Override
	public void holding(int moreBytes) throws IOException {
		if (!this.memory.hold(moreBytes)) {
			if (this.memory.evicted()) {
				throwEvicted();
			}
			throw new SoftEndOfStreamException("Connection closed by the server");
		}
	}

	/**
	 * Ends the read under way, or the next one, because the memory budget chose this
	 * connection (on the thread that went over the budget): as at a read deadline, the
	 * input is shut so that a blocked read returns, and the reader then answers with the
	 * out-of-memory reply. A TLS socket is closed by the connection instead.
	 */
	void evictForMemory() {
		if (this.sweptDeadlines) {
			try {
				this.socket.shutdownInput();
			}
			catch (IOException ex) {
				// Already closed: the read has ended anyway.
			}
		}
	}

	/**
	 * Drops what is buffered and ends every later read: once the connection is closed,
	 * requests a client pipelined behind the last one (after {@code QUIT}, say) must not
	 * be processed.
	 */
	void discard() {
		this.discarded = true;
		this.memory.close();
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
	/** Bytes read from the client so far. */
	long bytesRead() {
		return this.bytesRead;
	}

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

	/**
	 * The deadline of the read under way, or 0 when no read waits or it may wait forever.
	 */
	long readDeadlineNanos() {
		return this.readDeadline;
	}

	/**
	 * Ends the read under way if its deadline has passed (the sweeper's thread): shutting
	 * the input makes the read return, and the reader then reports the timeout. Output
	 * stays open for the frame-timeout reply.
	 * @return whether it did
	 */
	boolean expireRead(long nowNanos) {
		long deadline = this.readDeadline;
		if (deadline == 0 || nowNanos - deadline < 0) {
			return false;
		}
		this.readExpired = true;
		try {
			this.socket.shutdownInput();
		}
		catch (IOException ex) {
			// Already closed: the read has ended anyway.
		}
		return true;
	}

	private boolean fill() throws IOException {
		if (this.memory.evicted()) {
			throwEvicted();
		}
		if (this.readExpired) {
			throw readTimeout();
		}
		int timeoutMillis = readTimeoutMillis();
		if (this.sweptDeadlines) {
			if (this.handshakeTimeoutSet) {
				this.socket.setSoTimeout(0);
				this.handshakeTimeoutSet = false;
			}
			long deadline = readDeadline();
			this.readDeadline = deadline;
			this.deadlineStarted.accept(deadline);
		}
		else {
			this.socket.setSoTimeout(timeoutMillis);
		}
		int count;
		byte[] into = bufferForRead();
		this.waitingForRequest = this.betweenFrames;
		try {
			if (this.beforeBlockingRead != null) {
				this.beforeBlockingRead.flush();
			}
			count = this.in.read(into, 0, into.length);
		}
		catch (SocketTimeoutException ex) {
			throw readTimeout();
		}
		catch (SocketException ex) {
			if (this.memory.evicted()) {
				throwEvicted();
			}
			if (this.readExpired) {
				throw readTimeout();
			}
			this.endedBy = CloseReason.CLIENT;
			throw new SoftEndOfStreamException("Connection ended by the peer: " + ex.getMessage());
		}
		finally {
			this.readDeadline = 0;
			this.waitingForRequest = false;
		}
		if (count > 0) {
			this.counters.received(count);
			this.bytesRead += count;
		}
		else if (this.memory.evicted()) {
			throwEvicted();
		}
		else if (this.readExpired) {
			throw readTimeout();
		}
		else {
			this.endedBy = CloseReason.CLIENT;
		}
		this.position = 0;
		this.limit = Math.max(count, 0);
		return count > 0;
	}

	/**
	 * The buffer the next read fills: the one in use, or a larger one when the last read
	 * filled it (and so more may be waiting), up to the full size; see the class comment.
	 * Everything buffered has been consumed when this is called, so nothing needs
	 * copying.
	 */
	private byte[] bufferForRead() {
		byte[] current = this.buffer;
		if (current.length < this.bufferSize && this.limit == current.length) {
			int size = (current.length == 0) ? 1
					: Math.min(this.bufferSize, Math.max(FIRST_BUFFER_SIZE, current.length * 2));
			current = new byte[size];
			this.buffer = current;
		}
		return current;
	}

	/** The input buffer's size now: 0 before the first read, 1 after it. */
	int bufferSize() {
		return this.buffer.length;
	}

	/**
	 * What a connection the memory budget chose gets from its next read: a plain one
	 * answers the client before it closes; a TLS one is being closed already (see
	 * {@link #evictForMemory}), so it ends quietly.
	 */
	private void throwEvicted() throws EvictedForMemoryException {
		if (!this.tls) {
			throw new EvictedForMemoryException();
		}
		throw new SoftEndOfStreamException("Connection closed to free memory");
	}

	/**
	 * What a read that waited past its deadline throws: a frame timeout, or at the idle
	 * timeout a {@link SocketTimeoutException}, which Spring Integration takes for the
	 * end of the connection.
	 */
	private IOException readTimeout() {
		if (this.frameBound) {
			return new FrameTimeoutException();
		}
		this.endedBy = CloseReason.IDLE_TIMEOUT;
		return new SocketTimeoutException("No request within idle-timeout");
	}

	/**
	 * The deadline matching {@link #readTimeoutMillis()}: the frame's own, or the idle
	 * timeout from now; 0 for none.
	 */
	private long readDeadline() {
		if (this.frameBound) {
			return nonZero(this.frameDeadline);
		}
		return (this.idleTimeoutNanos == 0) ? 0 : nonZero(System.nanoTime() + this.idleTimeoutNanos);
	}

	/** 0 means "no deadline", so a deadline that happens to fall on 0 moves by 1 ns. */
	private static long nonZero(long nanos) {
		return (nanos != 0) ? nanos : 1;
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
