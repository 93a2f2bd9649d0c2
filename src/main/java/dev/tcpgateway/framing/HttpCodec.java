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

	// A response's head is assembled from these bytes directly: building it as a string
	// and encoding it was about 10% of a keep-alive request's allocation.
	private static final byte[] OK = ascii("HTTP/1.1 200 OK");

	private static final byte[] CONTENT_LENGTH = ascii(
			"\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ");

	private static final byte[] CRLF = ascii("\r\n");

	private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");

	private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

	private static final byte[] NO_HEADER = new byte[0];

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
		byte[] statusLine = (status == 200 && "OK".equals(reason)) ? OK : ascii("HTTP/1.1 " + status + " " + reason);
		byte[] connection = close ? CONNECTION_CLOSE
				// HTTP/1.0 closes by default; say that this connection stays open as the
				// client asked.
				: (request != null && request.http10()) ? CONNECTION_KEEP_ALIVE : NO_HEADER;
		int lengthDigits = digits(body.length);
		boolean withBody = request == null || !request.headMethod();
		int headLength = statusLine.length + CONTENT_LENGTH.length + lengthDigits + 2 + connection.length + 2;
		byte[] response = new byte[headLength + (withBody ? body.length : 0)];
		int at = append(response, 0, statusLine);
		at = append(response, at, CONTENT_LENGTH);
		for (int i = lengthDigits, value = body.length; i > 0; i--, value /= 10) {
			response[at + i - 1] = (byte) ('0' + value % 10);
		}
		at = append(response, at + lengthDigits, CRLF);
		at = append(response, at, connection);
		at = append(response, at, CRLF);
		if (withBody) {
			System.arraycopy(body, 0, response, at, body.length);
		}
		return response;
	}

	private static int digits(int value) {
		int digits = 1;
		for (int rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		return digits;
	}

	private static int append(byte[] to, int at, byte[] bytes) {
		System.arraycopy(bytes, 0, to, at, bytes.length);
		return at + bytes.length;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
