package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

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
		FrameBytes head = FrameBytes.on(in, this.maxFrameSize);
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
		return withBody(in, head);
	}

	/**
	 * The body goes into the head's buffer, which grows as the body arrives: a client
	 * announcing a large {@code Content-Length} and sending slowly holds only what it
	 * sent.
	 */
	private Frame withBody(InputStream in, FrameBytes request) throws IOException {
		HttpHead parsed = HttpHead.parse(request.text());
		if (parsed.problem() != null) {
			return new Frame.Rejected(parsed.problem());
		}
		long length = parsed.contentLength();
		if (length > this.maxFrameSize - request.size()) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		if (length > 0) {
			request.addFrom(in, (int) length);
		}
		return new HttpRequestFrame(request.toArray(), parsed.keepAlive(), parsed.headMethod(), parsed.http10());
	}

}
