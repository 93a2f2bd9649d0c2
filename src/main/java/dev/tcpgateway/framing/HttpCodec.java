package dev.tcpgateway.framing;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * HTTP/1.x on a TCP listener: enough of the protocol for curl, wrk, ab and browsers.
 * Requests are framed by their head and {@code Content-Length}; a handler's reply becomes
 * the body of a {@code 200 OK}; problems become 4xx/5xx responses.
 */
final class HttpCodec implements FrameCodec {

	private final int maxFrameSize;

	private final HttpRequestReader reader;

	HttpCodec(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
		this.reader = new HttpRequestReader(maxFrameSize);
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this.reader::read;
	}

	@Override
	public Serializer<byte[]> serializer() {
		// The response is complete already: status line, headers and body.
		return TcpCodecs.raw();
	}

	@Override
	public byte[] reply(Frame.Request request, byte[] body, boolean close) {
		return response(200, "OK", body, close, (HttpRequestFrame) request);
	}

	/** None: an HTTP client reads only the response to its request. */
	@Override
	public byte @Nullable [] push(byte[] body) {
		return null;
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request) {
		return error(problem, request, false);
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request, boolean serverCloses) {
		String text = (problem == Problem.FRAME_TOO_LARGE || problem == Problem.HEAD_TOO_LARGE)
				? problem.text() + " (max " + this.maxFrameSize + " bytes)" : problem.text();
		byte[] body = (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
		boolean close = serverCloses || problem.closesConnection() || request == null || request.closeAfterReply();
		return response(problem.httpStatus(), problem.httpReason(), body, close, (HttpRequestFrame) request);
	}

	private static byte[] response(int status, String reason, byte[] body, boolean close,
			@Nullable HttpRequestFrame request) {
		StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ")
			.append(status)
			.append(' ')
			.append(reason)
			.append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ")
			.append(body.length)
			.append("\r\n");
		if (close) {
			head.append("Connection: close\r\n");
		}
		else if (request != null && request.http10()) {
			// HTTP/1.0 closes by default; say that this connection stays open as the
			// client asked.
			head.append("Connection: keep-alive\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		boolean withBody = request == null || !request.headMethod();
		byte[] response = new byte[headBytes.length + (withBody ? body.length : 0)];
		System.arraycopy(headBytes, 0, response, 0, headBytes.length);
		if (withBody) {
			System.arraycopy(body, 0, response, headBytes.length, body.length);
		}
		return response;
	}

}
