package dev.tcpgateway.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import dev.tcpgateway.connection.ReplyHeaders;
import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.Problem;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.handler.TcpRequest;
import dev.tcpgateway.observability.ListenerMeters;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.integration.support.MessageBuilder;

/**
 * The gateway's service step: turns a frame into a {@link TcpRequest}, calls the listener's handler
 * and encodes its reply, or the error reply when the frame was rejected or the handler failed.
 * Nothing here lets one client's fault reach another connection.
 */
final class RequestDispatcher implements GenericHandler<Frame> {

	private static final Log logger = LogFactory.getLog(RequestDispatcher.class);

	private final String listener;

	private final Framing framing;

	private final FrameCodec codec;

	private final TcpHandler handler;

	private final Duration delay;

	private final ListenerMeters meters;

	RequestDispatcher(String listener, Framing framing, FrameCodec codec, TcpHandler handler, Duration delay,
			ListenerMeters meters) {
		this.listener = listener;
		this.framing = framing;
		this.codec = codec;
		this.handler = handler;
		this.delay = delay;
		this.meters = meters;
	}

	@Override
	public Object handle(Frame frame, MessageHeaders headers) {
		return switch (frame) {
			case Frame.Rejected rejected -> rejected(rejected.problem(), headers);
			case Frame.Request request -> answer(request, headers);
		};
	}

	private Message<byte[]> rejected(Problem problem, MessageHeaders headers) {
		this.meters.badFrame();
		if (logger.isInfoEnabled()) {
			logger.info(this.listener + ": " + problem.text() + " from " + client(headers) + "; closing");
		}
		return reply(this.codec.error(problem, null), true);
	}

	private Message<byte[]> answer(Frame.Request request, MessageHeaders headers) {
		TcpReply reply;
		try {
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay);
			}
			reply = this.handler.handle(toRequest(request, headers));
			if (reply == null) {
				throw new IllegalStateException("the handler returned null instead of a TcpReply");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(request, headers, ex);
		}
		catch (Exception ex) {
			return failed(request, headers, ex);
		}
		this.meters.ok();
		boolean close = reply.closeAfterReply() || request.closeAfterReply();
		return reply(this.codec.reply(request, reply.bytes(), close), close);
	}

	private Message<byte[]> failed(Frame.Request request, MessageHeaders headers, Exception ex) {
		this.meters.error();
		// The handler is server code: its failure is ours, so the operator gets the stack trace.
		logger.error(this.listener + ": handler failed on a request from " + client(headers), ex);
		return reply(this.codec.error(Problem.HANDLER_FAILED, request), request.closeAfterReply());
	}

	private TcpRequest toRequest(Frame.Request request, MessageHeaders headers) {
		String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
		return new TcpRequest(this.listener, (connectionId != null) ? connectionId : "", remoteAddress(headers),
				this.framing, request.bytes());
	}

	private static InetSocketAddress remoteAddress(MessageHeaders headers) {
		String address = headers.get(IpHeaders.IP_ADDRESS, String.class);
		Integer port = headers.get(IpHeaders.REMOTE_PORT, Integer.class);
		return new InetSocketAddress(InetAddress.ofLiteral((address != null) ? address : "0.0.0.0"),
				(port != null) ? port : 0);
	}

	private static String client(MessageHeaders headers) {
		return headers.get(IpHeaders.IP_ADDRESS) + ":" + headers.get(IpHeaders.REMOTE_PORT);
	}

	private static Message<byte[]> reply(byte[] bytes, boolean close) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(bytes);
		if (close) {
			builder.setHeader(ReplyHeaders.CLOSE_AFTER_REPLY, true);
		}
		return builder.build();
	}

}
