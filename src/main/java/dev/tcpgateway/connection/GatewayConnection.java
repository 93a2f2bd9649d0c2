package dev.tcpgateway.connection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.accept.AdmissionRules;
import dev.tcpgateway.accept.AdmittedSocket;
import dev.tcpgateway.accept.Refusal;
import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.Problem;
import dev.tcpgateway.proxy.ProxyHeaderReader;
import dev.tcpgateway.session.SessionChannel;
import dev.tcpgateway.session.SessionEnd;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.session.TcpSession;
import dev.tcpgateway.timeout.TimeoutSweeper;
import dev.tcpgateway.tls.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * A server-side connection: buffered input with idle and frame timeouts, a write timeout,
 * and closing after a reply when the reply asks for it (HTTP {@code Connection: close},
 * {@code QUIT}, an oversized frame). Failures caused by the client (a reset, a peer that
 * stops reading) end this connection quietly and never reach the error log.
 */
final class GatewayConnection extends TcpNetConnection implements TimeoutSweeper.Deadline, SessionChannel {

	private static final Log logger = LogFactory.getLog(GatewayConnection.class);

	/**
	 * After an error reply the client may still be sending; read (and drop) for this
	 * long.
	 */
	private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final int LINGER_MAX_BYTES = 1 << 20;

	private static final int INPUT_BUFFER_SIZE = 4096;

	private static final long HELD_REPLY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final Socket socket;

	private final ClientInputStream input;

	private final long writeTimeoutNanos;

	/**
	 * Where this connection reports the deadlines it starts; see {@link TimeoutSweeper}.
	 */
	private final TimeoutSweeper.Watch watch;

	private final ConnectionCounters counters;

	private final AdmissionRules admission;

	private final Socket accepted;

	private final @Nullable TlsSettings tls;

	private final String listener;

	private final SessionRegistry sessions;

	/** Opened once the connection is admitted; pushes and names go through it. */
	private volatile @Nullable TcpSession session;

	/** Requests read so far; only the reader adds. */
	private volatile long requests;

	/** Whether the PROXY header and the client checks that follow it are behind us. */
	private boolean admitted;

	/**
	 * The original client, from the PROXY protocol header; null for the socket's peer.
	 */
	private volatile @Nullable InetSocketAddress proxiedClient;

	/** Why the server is closing it, when the server decided that. */
	private volatile @Nullable CloseReason closeReason;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicBoolean heldFlushScheduled = new AtomicBoolean();

	/** Serializes replies; see {@link #write}. */
	private final ReentrantLock sendLock = new ReentrantLock();

	private @Nullable OutputStream replyStream;

	private volatile long writeDeadline;

	private volatile boolean writeTimedOut;

	private @Nullable Map<String, Object> inboundHeaders;

	/** The high half of this connection's message ids; only its reading thread counts. */
	private final long messageIdPrefix = ThreadLocalRandom.current().nextLong();

	private long messagesRead;

	/** Set with the first request; holds the deadline of the handler call under way. */
	private volatile @Nullable ConnectionContext context;

	/**
	 * Who has this connection between requests: its reader ({@link #READING}, then
	 * {@link #ANSWERING} once a request is read) or a drain that ended it while it was
	 * quiet ({@link #ENDED_QUIET}); the one compare-and-set that moves it out of
	 * {@code READING} decides a request arriving just as a drain ends the connection.
	 */
	private final AtomicInteger turn = new AtomicInteger(READING);

	private static final int READING = 0;

	private static final int ANSWERING = 1;

	private static final int ENDED_QUIET = 2;

	/** When the reader last went back to waiting for a request (the last reply sent). */
	private volatile long readingSince = System.nanoTime();

	/** When a drain sent this quiet connection its FIN; 0 before. */
	private volatile long endedQuietAt;

	/**
	 * @param socket what requests are read from and replies written to: the accepted
	 * socket, or TLS over it
	 * @param accepted the accepted socket itself (the PROXY header precedes TLS)
	 */
	GatewayConnection(Socket socket, Socket accepted, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, ConnectionSettings settings) throws IOException {
		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.accepted = accepted;
		this.tls = settings.tls();
		this.counters = settings.counters();
		this.admission = settings.admission();
		this.listener = settings.listener();
		this.sessions = settings.sessions();
		this.input = new ClientInputStream(socket, INPUT_BUFFER_SIZE, settings.readTimeouts(), this.counters,
				settings.memory().account(this::evictForMemory), this::reportDeadline);
		if (accepted instanceof AdmittedSocket admittedSocket && settings.tls() == null) {
			admittedSocket.coalesceWrites(this.input::hasBufferedBytes,
					(heldSince) -> reportDeadline(heldSince + HELD_REPLY_NANOS));
			this.input.beforeBlockingRead(admittedSocket::flushHeld);
		}
		this.writeTimeoutNanos = settings.writeTimeout().toNanos();
		// Last: from here on the sweeper's thread may ask this connection for its
		// deadlines.
		this.watch = settings.sweeper().watch(this);
	}

	private void reportDeadline(long deadlineNanos) {
		this.watch.due(deadlineNanos);
	}

	@Override
	protected InputStream inputStream() {
		return this.input;
	}

	/**
	 * Reads the next frame; one that does not complete in time is answered like a bad
	 * frame.
	 */
	@Override
	public Object getPayload() {
		if (!this.admitted) {
			this.admitted = true;
			admitProxiedClient();
			completeHandshake();
			openSession();
		}
		this.input.nextFrame();
		this.readingSince = System.nanoTime();
		this.turn.compareAndSet(ANSWERING, READING);
		Object payload;
		try {
			payload = super.getPayload();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof FrameTimeoutException) {
				payload = new Frame.Rejected(Problem.FRAME_TIMEOUT);
			}
			else if (ex.getCause() instanceof EvictedForMemoryException) {
				payload = new Frame.Rejected(Problem.OUT_OF_MEMORY);
			}
			else {
				throw ex;
			}
		}
		finally {
			this.input.frameRead();
		}
		this.requests++;
		if (!this.turn.compareAndSet(READING, ANSWERING)) {
			// A drain ended this connection while the request was on its way: the FIN is
			// sent and the request cannot be answered. Read on until the client closes,
			// so that closing sends no reset. (The drain may not have noted the time
			// yet.)
			long endedAt = this.endedQuietAt;
			lingerThenClose(((endedAt != 0) ? endedAt : System.nanoTime()) + LINGER_NANOS);
			throw new SoftEndOfStreamException("Request after the drain ended the connection");
		}
		return payload;
	}

	/**
	 * With the PROXY protocol on: reads the header (bounded by proxy-protocol-timeout),
	 * then applies allow/deny and max-connections-per-client to the client it names. Runs
	 * on the connection's own thread, so a slow balancer never holds up the accept loop.
	 */
	private void admitProxiedClient() {
		if (!this.admission.proxyProtocol().enabled()) {
			return;
		}
		InetSocketAddress client;
		try {
			client = readProxyHeader();
		}
		catch (IOException | UncheckedIOException ex) {
			String why = (ex instanceof FrameTimeoutException)
					? "no complete PROXY protocol header within " + this.admission.proxyProtocolTimeout()
					: ex.getMessage();
			throw refuse(Refusal.PROXY_HEADER, CloseReason.ERROR, why);
		}
		this.proxiedClient = client;
		InetAddress address = (client != null) ? client.getAddress() : this.socket.getInetAddress();
		if (!this.admission.clients().admits(address)) {
			throw refuse(Refusal.DENIED, CloseReason.LIMIT, "client not allowed");
		}
		if (this.accepted instanceof AdmittedSocket admittedSocket && !admittedSocket.takeClientSlot(address)) {
			throw refuse(null, CloseReason.LIMIT, "over max-connections-per-client");
		}
	}

	/**
	 * The header comes before any TLS byte: with TLS it is read from the accepted socket
	 * itself, byte by byte (it never reads past the header), each read bounded by the
	 * timeout.
	 */
	private @Nullable InetSocketAddress readProxyHeader() throws IOException {
		if (this.tls == null) {
			this.input.startDeadline(this.admission.proxyProtocolTimeout().toNanos());
			return ProxyHeaderReader.read(this.input, this.admission.proxyProtocol());
		}
		this.accepted.setSoTimeout((int) Math.max(1, this.admission.proxyProtocolTimeout().toMillis()));
		return ProxyHeaderReader.read(this.accepted.getInputStream(), this.admission.proxyProtocol());
	}

	/**
	 * The TLS handshake, here on the connection's own thread and bounded by
	 * handshake-timeout, rather than at the first read under the idle timeout: a silent
	 * or plaintext client is closed quickly.
	 */
	private void completeHandshake() {
		if (this.tls == null || !(this.socket instanceof SSLSocket ssl)) {
			return;
		}
		try {
			ssl.setSoTimeout((int) Math.max(1, this.tls.handshakeTimeout().toMillis()));
			ssl.startHandshake();
		}
		catch (IOException ex) {
			String why = (ex instanceof SocketTimeoutException)
					? "no TLS handshake within " + this.tls.handshakeTimeout()
					: "TLS handshake failed: " + ex.getMessage();
			throw refuse(Refusal.TLS_HANDSHAKE, CloseReason.ERROR, why);
		}
	}

	/**
	 * Findable and pushable from here on: after the PROXY header named the client and TLS
	 * is up, so a push never races the handshake.
	 */
	private void openSession() {
		TcpSession opened = this.sessions.open(this.listener, getConnectionId(), client(), this);
		this.session = opened;
		if (this.closed.get()) {
			this.sessions.close(opened);
		}
	}

	@Override
	public InetSocketAddress client() {
		InetSocketAddress client = this.proxiedClient;
		if (client == null && this.accepted.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
			client = remote;
		}
		return (client != null) ? client : new InetSocketAddress(0);
	}

	/**
	 * A push, under the same lock and write-timeout as replies: it leaves whole, before
	 * or after a reply, never inside one.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public void writePush(byte[] frame) throws IOException {
		this.sendLock.lock();
		try {
			if (!isOpen()) {
				throw new IOException("connection closed");
			}
			startWriteDeadline();
			OutputStream out = replyStream();
			((Serializer<Object>) getSerializer()).serialize(frame, out);
			out.flush();
			flushHeldReplies();
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
		finally {
			this.writeDeadline = 0;
			this.sendLock.unlock();
		}
	}

	/**
	 * Called on another connection's thread (a name taken over) or a bean's; a TLS close
	 * may write, and a client that does not read would hold that thread, so it closes on
	 * a thread of its own.
	 */
	@Override
	public void end(SessionEnd end) {
		CloseReason reason = (end == SessionEnd.REPLACED) ? CloseReason.REPLACED : CloseReason.CLOSED_BY_SERVER;
		if (this.tls == null) {
			closeFor(reason);
		}
		else {
			recordCloseReason(reason);
			Thread.ofVirtual().start(() -> closeFor(reason));
		}
	}

	@Override
	public long requests() {
		return this.requests;
	}

	@Override
	public long bytesIn() {
		return this.input.bytesRead();
	}

	@Override
	public long bytesOut() {
		return (this.accepted instanceof AdmittedSocket admittedSocket) ? admittedSocket.bytesWritten() : 0;
	}

	@Override
	public long idleNanos() {
		return this.input.isWaitingForRequest() ? System.nanoTime() - this.readingSince : 0;
	}

	private SoftEndOfStreamException refuse(@Nullable Refusal refusal, CloseReason reason, @Nullable String why) {
		if (refusal != null && this.accepted instanceof AdmittedSocket admittedSocket) {
			admittedSocket.refused(refusal);
		}
		logger.info(
				getConnectionFactoryName() + ": " + why + " from " + getHostAddress() + ":" + getPort() + "; closing");
		closeFor(reason);
		return new SoftEndOfStreamException("Connection refused: " + why);
	}

	/** The original client's address when a PROXY protocol header named it. */
	@Override
	public String getHostAddress() {
		InetSocketAddress client = this.proxiedClient;
		return (client != null) ? client.getAddress().getHostAddress() : super.getHostAddress();
	}

	@Override
	public String getHostName() {
		InetSocketAddress client = this.proxiedClient;
		return (client != null) ? client.getAddress().getHostAddress() : super.getHostName();
	}

	@Override
	public int getPort() {
		InetSocketAddress client = this.proxiedClient;
		return (client != null) ? client.getPort() : super.getPort();
	}

	@Override
	public void send(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		// A one-way request that ends the conversation has only the close to carry.
		boolean write = !Boolean.TRUE.equals(headers.get(ReplyHeaders.NOTHING_TO_WRITE));
		if (write && !deliver(message)) {
			return;
		}
		if (Boolean.TRUE.equals(headers.get(ReplyHeaders.CLOSE_AFTER_REPLY))) {
			flushHeldReplies();
			CloseReason reason = headers.get(ReplyHeaders.CLOSE_REASON, CloseReason.class);
			recordCloseReason((reason != null) ? reason : CloseReason.CLIENT);
			if (Boolean.TRUE.equals(headers.get(ReplyHeaders.CLIENT_MAY_STILL_SEND)) || hasUnreadInput()) {
				closeGracefully();
			}
			else {
				// Like nginx's lingering close, only when the client may still be
				// sending: a client that asked to close has nothing more to send, and
				// waiting for its FIN cost about 8% of connection-per-request throughput.
				close();
			}
		}
	}

	/** Writes a reply under the write timeout; false when the connection closed first. */
	private boolean deliver(Message<?> message) {
		try {
			write(message);
			return true;
		}
		catch (MessagingException ex) {
			if (this.socket.isClosed()) {
				// The client reset the connection or stopped reading (write timeout):
				// nobody to
				// answer, and not a server error. Spring Integration has already closed
				// it.
				logger.debug(getConnectionId() + ": reply not delivered, connection closed"
						+ (this.writeTimedOut ? " after write-timeout" : ""));
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Starts the write-timeout of one reply or push; under the send lock, so that a write
	 * waiting for the lock is not timed against the one that holds it.
	 */
	private void startWriteDeadline() {
		if (this.writeTimeoutNanos > 0) {
			long deadline = System.nanoTime() + this.writeTimeoutNanos;
			this.writeDeadline = deadline;
			this.watch.due(deadline);
		}
	}

	private OutputStream replyStream() throws IOException {
		OutputStream out = this.replyStream;
		if (out == null) {
			out = new BufferedOutputStream(this.socket.getOutputStream());
			this.replyStream = out;
		}
		return out;
	}

	/**
	 * What Spring Integration's {@code send} does (serialize, flush; on failure publish
	 * the exception, close, throw), with a smaller reply buffer. Its buffer is as large
	 * as the socket's send buffer (megabytes on Linux loopback unless send-buffer-size
	 * fixes it, and fixing it small caps reply speed), allocated whole on the first reply
	 * and kept for the connection's life. The JDK's default-sized
	 * {@link BufferedOutputStream}, created on a virtual thread, starts at 512 bytes and
	 * grows to 8 KB only for replies that need it; a larger single write goes straight to
	 * the socket. With 10,000 clients waiting on a slow handler, live {@code byte[]} fell
	 * from 130 MB to 53 MB. A buffer is still needed: the framing serializers write a
	 * reply in two or three pieces, which would otherwise be as many system calls.
	 */
	@SuppressWarnings("unchecked")
	private void write(Message<?> message) {
		this.sendLock.lock();
		try {
			startWriteDeadline();
			OutputStream out = replyStream();
			Object framed = getMapper().fromMessage(message);
			Assert.state(framed != null, "the mapper returned no payload for a reply");
			((Serializer<Object>) getSerializer()).serialize(framed, out);
			out.flush();
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(message, "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.writeDeadline = 0;
			this.sendLock.unlock();
		}
	}

	/**
	 * The headers of every message read from this connection, computed on first use by
	 * the connection's own thread (after any PROXY header named the client). Only two:
	 * the connection id routes the reply; the {@link ConnectionContext} carries the
	 * client's address and the handler call's deadline. The map also holds the reply
	 * channel's key, which each request sets to its own slot: a request's header map then
	 * holds all its entries without growing ({@link InboundHeaders}). A plain map, never
	 * handed out: copying it allocates nothing per entry, as an immutable one does.
	 */
	Map<String, Object> inboundHeaders() {
		Map<String, Object> headers = this.inboundHeaders;
		if (headers == null) {
			InetSocketAddress client = client();
			TcpSession current = this.session;
			ConnectionContext context = new ConnectionContext(client,
					(current != null) ? current : TcpSession.detached(this.listener, getConnectionId(), client),
					this.watch);
			headers = new HashMap<>(4);
			headers.put(IpHeaders.CONNECTION_ID, getConnectionId());
			headers.put(ConnectionContext.HEADER, context);
			headers.put(MessageHeaders.REPLY_CHANNEL, InboundHeaders.NO_REPLY_YET);
			this.context = context;
			this.inboundHeaders = headers;
		}
		return headers;
	}

	/**
	 * An id for the next message read from this connection: the connection's random high
	 * half and a count, unique as a random one is, without the shared random generator
	 * every thread otherwise takes turns on.
	 */
	UUID nextMessageId() {
		return new UUID(this.messageIdPrefix, ++this.messagesRead);
	}

	private boolean hasUnreadInput() {
		try {
			return this.input.available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The earliest of: the write deadline while a reply is being written; the read
	 * deadline while a read waits (idle or frame timeout); the handler call's deadline
	 * (handler-timeout); and, while replies are held back for coalescing, the moment to
	 * write them out anyway (a slow request must not hold back the replies before it for
	 * longer than a sweeper tick or so). 0 when none applies.
	 */
	@Override
	public long deadlineNanos() {
		long earliest = earliest(this.writeDeadline, this.input.readDeadlineNanos());
		ConnectionContext current = this.context;
		if (current != null) {
			earliest = earliest(earliest, current.callDeadlineNanos());
		}
		long held = (this.accepted instanceof AdmittedSocket admittedSocket) ? admittedSocket.heldSinceNanos() : 0;
		return (held != 0) ? earliest(earliest, held + HELD_REPLY_NANOS) : earliest;
	}

	/** The earlier of two deadlines, where 0 is none. */
	private static long earliest(long a, long b) {
		if (a == 0) {
			return b;
		}
		if (b == 0) {
			return a;
		}
		return (a - b <= 0) ? a : b;
	}

	private void flushHeldReplies() {
		if (this.accepted instanceof AdmittedSocket admittedSocket) {
			try {
				admittedSocket.flushHeld();
			}
			catch (IOException ex) {
				// The client is gone; the close that follows says so.
			}
		}
	}

	/**
	 * Whatever is past its deadline: a read that waited too long is ended, so the reader
	 * reports the idle or frame timeout; a handler call is interrupted (or abandoned); a
	 * write blocked past write-timeout means the client is not reading, and closing
	 * unblocks it; replies held back for coalescing are written out.
	 */
	@Override
	public void expire() {
		long now = System.nanoTime();
		if (this.input.expireRead(now)) {
			return;
		}
		ConnectionContext current = this.context;
		if (current != null) {
			current.expireCall(now);
		}
		long write = this.writeDeadline;
		if (write != 0 && now - write >= 0) {
			this.writeTimedOut = true;
			logger.info(getConnectionId() + ": client did not read its reply within write-timeout; closing");
			closeFor(CloseReason.WRITE_TIMEOUT);
			return;
		}
		long held = (this.accepted instanceof AdmittedSocket admittedSocket) ? admittedSocket.heldSinceNanos() : 0;
		// Replies held back behind a slow request: written on a thread of their own, so
		// that a client that does not read cannot stall the sweeper.
		if (held != 0 && now - (held + HELD_REPLY_NANOS) >= 0 && this.heldFlushScheduled.compareAndSet(false, true)) {
			Thread.ofVirtual().start(() -> {
				try {
					flushHeldReplies();
				}
				finally {
					this.heldFlushScheduled.set(false);
				}
			});
		}
	}

	/**
	 * Closing a socket that still has unread input makes the kernel send a reset, which
	 * can destroy the reply before the client reads it. So: send FIN first, drain what
	 * the client is still sending (bounded in time and bytes), then close.
	 */
	private void closeGracefully() {
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			// The client reset it; the close below is all that is left to do.
		}
		lingerThenClose(System.nanoTime() + LINGER_NANOS);
	}

	/**
	 * After a FIN: reads and drops what the client still sends, until it closes its side,
	 * {@link #LINGER_MAX_BYTES} or {@code deadline}, then closes.
	 */
	private void lingerThenClose(long deadline) {
		try {
			byte[] sink = new byte[4096];
			int drained = 0;
			InputStream in = this.socket.getInputStream();
			while (drained < LINGER_MAX_BYTES) {
				long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remainingMillis <= 0) {
					break;
				}
				this.socket.setSoTimeout((int) remainingMillis);
				int count = in.read(sink);
				if (count < 0) {
					break;
				}
				drained += count;
			}
		}
		catch (IOException ex) {
			// The client reset or timed out while we drained; nothing is left to write.
		}
		finally {
			close();
		}
	}

	/**
	 * The memory budget chose this connection to end (called on the thread that went over
	 * it). A plain connection's read is ended so that its own thread answers
	 * {@code ERR server out of memory} (HTTP 503) and closes; a TLS connection, whose
	 * input cannot be shut under the session, is closed, on a thread of its own since a
	 * TLS close may write.
	 */
	private void evictForMemory() {
		recordCloseReason(CloseReason.MEMORY);
		if (this.tls == null) {
			this.input.evictForMemory();
		}
		else {
			logger.info(getConnectionFactoryName() + ": server out of memory for client buffers, closing "
					+ getHostAddress() + ":" + getPort());
			Thread.ofVirtual().start(() -> closeFor(CloseReason.MEMORY));
		}
	}

	/**
	 * For a drain: ends the connection if it has waited for its next request, with
	 * nothing of it read, for {@code quietNanos}. A FIN, not a close: the client's next
	 * request may already be on its way, and closing a socket with unread input sends a
	 * reset. Its reader then reads on until the client closes (a request that arrives is
	 * dropped, never half answered), and after {@link #LINGER_NANOS} the next call closes
	 * it.
	 */
	void endIfQuiet(long nowNanos, long quietNanos) {
		long endedAt = this.endedQuietAt;
		if (endedAt != 0) {
			if (nowNanos - endedAt >= LINGER_NANOS) {
				closeFor(CloseReason.SHUTDOWN);
			}
			return;
		}
		if (!this.input.isWaitingForRequest() || nowNanos - this.readingSince < quietNanos
				|| !this.turn.compareAndSet(READING, ENDED_QUIET)) {
			return;
		}
		recordCloseReason(CloseReason.SHUTDOWN);
		this.endedQuietAt = nonZero(nowNanos);
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			close();
		}
	}

	private static long nonZero(long nanos) {
		return (nanos != 0) ? nanos : 1;
	}

	/** Closes it for this reason (the first reason recorded wins). */
	void closeFor(CloseReason reason) {
		recordCloseReason(reason);
		close();
	}

	private void recordCloseReason(CloseReason reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
	}

	/**
	 * The reason the server recorded, else how the input ended (the client left, or
	 * idle-timeout), else a failure Spring Integration closed it for.
	 */
	private CloseReason closeReason() {
		CloseReason reason = this.closeReason;
		if (reason == null) {
			reason = this.input.endedBy();
		}
		return (reason != null) ? reason : CloseReason.ERROR;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.counters.countClose(closeReason());
			this.watch.close();
			TcpSession current = this.session;
			if (current != null) {
				this.sessions.close(current);
			}
			this.input.discard();
		}
		super.close();
	}

}
