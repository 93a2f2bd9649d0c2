package dev.tcpgateway.gateway;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.connection.CloseReason;
import dev.tcpgateway.connection.ConnectionContext;
import dev.tcpgateway.connection.ReplyHeaders;
import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.Problem;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.handler.TcpRequest;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.session.TcpSession;
import dev.tcpgateway.timeout.TimeoutSweeper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The gateway's service step: turns a frame into a {@link TcpRequest}, calls the
 * listener's handler within the listener's request limits and timeout, and encodes its
 * reply, or the error reply when the frame was rejected, the handler failed, timed out or
 * found no free slot. Nothing here lets one client's fault reach another connection.
 */
final class RequestDispatcher {

	private static final Log logger = LogFactory.getLog(RequestDispatcher.class);

	private static final Map<String, Object> CLOSE_AFTER_REPLY = Map.of(ReplyHeaders.CLOSE_AFTER_REPLY, true);

	/**
	 * A drain's close after a reply: the client did not ask for it, so its next request
	 * may already be on its way; the connection lingers before closing.
	 */
	private static final Map<String, Object> CLOSE_FOR_SHUTDOWN = Map.of(ReplyHeaders.CLOSE_AFTER_REPLY, true,
			ReplyHeaders.CLOSE_REASON, CloseReason.SHUTDOWN, ReplyHeaders.CLIENT_MAY_STILL_SEND, true);

	private static final byte[] NOTHING = new byte[0];

	private static final Map<String, Object> CLOSE_SILENTLY = Map.of(ReplyHeaders.CLOSE_AFTER_REPLY, true,
			ReplyHeaders.NOTHING_TO_WRITE, true);

	private static final Map<String, Object> CLOSE_SILENTLY_FOR_SHUTDOWN = Map.of(ReplyHeaders.CLOSE_AFTER_REPLY, true,
			ReplyHeaders.CLOSE_REASON, CloseReason.SHUTDOWN, ReplyHeaders.NOTHING_TO_WRITE, true);

	private final String name;

	private final ListenerProperties listener;

	private final FrameCodec codec;

	private final TcpHandler handler;

	private final ListenerMeters meters;

	private final RequestLimiter limiter;

	private final TimeoutSweeper sweeper;

	private final BiConsumer<String, CloseReason> closeConnection;

	private final @Nullable AccessLog accessLog;

	/** Set when the server drains: every reply from then on closes its connection. */
	private volatile boolean draining;

	RequestDispatcher(String name, ListenerProperties listener, FrameCodec codec, TcpHandler handler,
			ListenerMeters meters, RequestLimiter limiter, TimeoutSweeper sweeper,
			BiConsumer<String, CloseReason> closeConnection) {
		this.name = name;
		this.listener = listener;
		this.codec = codec;
		this.handler = handler;
		this.meters = meters;
		this.limiter = limiter;
		this.sweeper = sweeper;
		this.closeConnection = closeConnection;
		this.accessLog = listener.accessLog() ? new AccessLog(name) : null;
	}

	/**
	 * From now on each reply closes its connection (HTTP: with {@code Connection: close},
	 * error replies included).
	 */
	void startDraining() {
		this.draining = true;
	}

	@Nullable Message<byte[]> handle(Frame frame, MessageHeaders headers) {
		long start = System.nanoTime();
		Answer answer = switch (frame) {
			case Frame.Rejected rejected -> rejected(rejected.problem(), headers);
			case Frame.Request request -> limited(request, headers);
		};
		if (this.accessLog != null) {
			int requestBytes = (frame instanceof Frame.Request request) ? request.bytes().length : 0;
			int replyBytes = (answer.reply() != null) ? answer.reply().getPayload().length : 0;
			this.accessLog.log(client(headers), headers.get(IpHeaders.CONNECTION_ID, String.class), requestBytes,
					replyBytes, answer.outcome(), System.nanoTime() - start);
		}
		return answer.reply();
	}

	private Answer rejected(Problem problem, MessageHeaders headers) {
		this.meters.badFrame();
		CloseReason reason = switch (problem) {
			case FRAME_TOO_LARGE, HEAD_TOO_LARGE -> CloseReason.LIMIT;
			case FRAME_TIMEOUT -> CloseReason.FRAME_TIMEOUT;
			case OUT_OF_MEMORY -> CloseReason.MEMORY;
			default -> CloseReason.ERROR;
		};
		if (reason == CloseReason.LIMIT) {
			this.meters.frameTooLarge();
		}
		if (logger.isInfoEnabled()) {
			logger.info(this.name + ": " + problem.text() + " from " + client(headers) + "; closing");
		}
		return new Answer(MessageBuilder.withPayload(this.codec.error(problem, null))
			.setHeader(ReplyHeaders.CLOSE_AFTER_REPLY, true)
			.setHeader(ReplyHeaders.CLIENT_MAY_STILL_SEND, true)
			.setHeader(ReplyHeaders.CLOSE_REASON, reason)
			.build(), Outcome.BAD_FRAME);
	}

	private Answer limited(Frame.Request request, MessageHeaders headers) {
		long waitStart = this.limiter.queues() ? System.nanoTime() : 0;
		boolean entered = this.limiter.tryEnter();
		if (waitStart != 0) {
			this.meters.waited(System.nanoTime() - waitStart);
		}
		if (!entered) {
			this.meters.busy();
			return new Answer(errorReply(Problem.BUSY, request), Outcome.BUSY);
		}
		try {
			return answer(request, headers);
		}
		finally {
			this.limiter.exit();
		}
	}

	private Answer answer(Frame.Request request, MessageHeaders headers) {
		String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
		HandlerCall call = new HandlerCall(this.listener.handlerTimeout().toNanos(),
				() -> abandon(connectionId, headers));
		boolean watched = !this.listener.handlerTimeout().isZero();
		ConnectionContext context = headers.get(ConnectionContext.HEADER, ConnectionContext.class);
		TimeoutSweeper.Watch ownWatch = watched ? watch(context, call) : null;
		TcpReply reply = null;
		Exception failure = null;
		long start = System.nanoTime();
		try {
			if (!this.listener.delay().isZero()) {
				Thread.sleep(this.listener.delay());
			}
			reply = this.handler.handle(toRequest(request, connectionId, context));
		}
		catch (Exception ex) {
			failure = ex;
		}
		finally {
			if (watched) {
				unwatch(context, ownWatch);
			}
		}
		this.meters.handled(System.nanoTime() - start);
		return switch (call.complete()) {
			case ABANDONED -> new Answer(null, Outcome.TIMEOUT);
			case TIMED_OUT -> timedOut(request, headers);
			case IN_TIME -> (failure != null || reply == null) ? failed(request, headers, failure) : ok(request, reply);
		};
	}

	/**
	 * The call's deadline goes into its connection's slot, which the sweeper checks
	 * anyway; only a request from elsewhere costs a sweeper slot of its own, returned
	 * here.
	 */
	private TimeoutSweeper.@Nullable Watch watch(@Nullable ConnectionContext context, HandlerCall call) {
		if (context != null) {
			context.watch(call);
			return null;
		}
		TimeoutSweeper.Watch own = this.sweeper.watch(call);
		own.due(call.deadlineNanos());
		return own;
	}

	private static void unwatch(@Nullable ConnectionContext context, TimeoutSweeper.@Nullable Watch own) {
		if (context != null) {
			context.unwatch();
		}
		else if (own != null) {
			own.close();
		}
	}

	private Answer ok(Frame.Request request, TcpReply reply) {
		this.meters.ok();
		boolean clientEnds = reply.closeAfterReply() || request.closeAfterReply();
		// Read once: a reply that says keep-alive must not be followed by a close.
		boolean draining = this.draining;
		if (reply.silent() && this.listener.framing() != Framing.HTTP) {
			return new Answer(silent(clientEnds, draining), Outcome.OK);
		}
		return new Answer(reply(this.codec.reply(request, reply.bytes(), clientEnds || draining), clientEnds, draining),
				Outcome.OK);
	}

	private Answer timedOut(Frame.Request request, MessageHeaders headers) {
		this.meters.timeout();
		logger.info(this.name + ": handler exceeded handler-timeout (" + this.listener.handlerTimeout()
				+ ") on a request from " + client(headers) + "; answered timeout");
		return new Answer(errorReply(Problem.TIMEOUT, request), Outcome.TIMEOUT);
	}

	private void abandon(@Nullable String connectionId, MessageHeaders headers) {
		this.meters.timeout();
		logger.warn(this.name + ": handler ignored the interrupt at handler-timeout (" + this.listener.handlerTimeout()
				+ ") on a request from " + client(headers) + "; closing that connection");
		if (connectionId != null) {
			this.closeConnection.accept(connectionId, CloseReason.ERROR);
		}
	}

	private Answer failed(Frame.Request request, MessageHeaders headers, @Nullable Exception ex) {
		this.meters.error();
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		// The handler is server code: its failure is ours, so the operator gets the stack
		// trace.
		logger.error(this.name + ": handler failed on a request from " + client(headers),
				(ex != null) ? ex : new IllegalStateException("the handler returned null instead of a TcpReply"));
		return new Answer(errorReply(Problem.HANDLER_FAILED, request), Outcome.ERROR);
	}

	/** An error reply to a request; HTTP says {@code Connection: close} when draining. */
	private Message<byte[]> errorReply(Problem problem, Frame.Request request) {
		boolean draining = this.draining;
		return reply(this.codec.error(problem, request, draining), request.closeAfterReply(), draining);
	}

	private TcpRequest toRequest(Frame.Request request, @Nullable String connectionId,
			@Nullable ConnectionContext context) {
		String id = (connectionId != null) ? connectionId : "";
		InetSocketAddress client = remoteAddress(context);
		return new TcpRequest(this.name, id, client, this.listener.framing(), request.bytes(),
				(context != null) ? context.session() : TcpSession.detached(this.name, id, client));
	}

	private static InetSocketAddress remoteAddress(@Nullable ConnectionContext context) {
		return (context != null) ? context.client() : new InetSocketAddress(0);
	}

	private static String client(MessageHeaders headers) {
		InetSocketAddress client = remoteAddress(headers.get(ConnectionContext.HEADER, ConnectionContext.class));
		return client.getAddress().getHostAddress() + ":" + client.getPort();
	}

	/**
	 * A reply (none when the call was abandoned or the handler answered
	 * {@link TcpReply#none()}) and how the request was answered.
	 */
	private record Answer(@Nullable Message<byte[]> reply, Outcome outcome) {
	}

	/**
	 * No reply to a one-way request; only when its connection is to close, a message that
	 * carries the close and writes nothing (after any replies still held for pipelining).
	 */
	private @Nullable Message<byte[]> silent(boolean clientEnds, boolean draining) {
		if (clientEnds) {
			return new GenericMessage<>(NOTHING, CLOSE_SILENTLY);
		}
		return draining ? new GenericMessage<>(NOTHING, CLOSE_SILENTLY_FOR_SHUTDOWN) : null;
	}

	/**
	 * A reply that closes its connection when the client ends the conversation, or when
	 * the server drains.
	 */
	private Message<byte[]> reply(byte[] bytes, boolean clientEnds, boolean draining) {
		// Built directly rather than through a message builder, whose header accessor
		// costs two map copies more per reply.
		if (clientEnds) {
			return new GenericMessage<>(bytes, CLOSE_AFTER_REPLY);
		}
		if (draining) {
			return new GenericMessage<>(bytes, CLOSE_FOR_SHUTDOWN);
		}
		return new GenericMessage<>(bytes);
	}

}
