package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.x request: the head up to the blank line, then a
 * {@code Content-Length} body. Strict where leniency would let two parsers disagree about
 * where a request ends (RFC 9112: no obsolete line folding, no whitespace before the
 * colon, no conflicting lengths).
 */
final class HttpRequestReader {

	/**
	 * RFC 9112 section 2.2: a server should ignore at least one empty line before a
	 * request.
	 */
	private static final int MAX_LEADING_EMPTY_LINES = 8;

	private final int maxFrameSize;

	HttpRequestReader(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	Frame read(InputStream in) throws IOException {
		int b = Streams.firstByte(in);
		int leading = 0;
		while (b == '\r' || b == '\n') {
			if (++leading > 2 * MAX_LEADING_EMPTY_LINES) {
				return new Frame.Rejected(Problem.MALFORMED);
			}
			b = Streams.nextByte(in);
		}
		FrameBytes head = new FrameBytes();
		int lineLength = 0;
		while (true) {
			if (head.size() == this.maxFrameSize) {
				return new Frame.Rejected(Problem.HEAD_TOO_LARGE);
			}
			head.add(b);
			if (b == '\n') {
				if (lineLength == 0) {
					break;
				}
				lineLength = 0;
			}
			else if (b != '\r') {
				lineLength++;
			}
			b = Streams.nextByte(in);
		}
		return withBody(in, head.toArray());
	}

	private Frame withBody(InputStream in, byte[] head) throws IOException {
		HttpHead parsed = HttpHead.parse(new String(head, StandardCharsets.ISO_8859_1));
		if (parsed.problem() != null) {
			return new Frame.Rejected(parsed.problem());
		}
		long length = parsed.contentLength();
		if (length > this.maxFrameSize - head.length) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		byte[] bytes = head;
		if (length > 0) {
			byte[] body = Streams.exactly(in, (int) length);
			bytes = new byte[head.length + body.length];
			System.arraycopy(head, 0, bytes, 0, head.length);
			System.arraycopy(body, 0, bytes, head.length, body.length);
		}
		return new HttpRequestFrame(bytes, parsed.keepAlive(), parsed.headMethod(), parsed.http10());
	}

}
