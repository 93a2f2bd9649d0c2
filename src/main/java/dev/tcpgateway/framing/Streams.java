package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads that turn the peer closing into a quiet end of the connection rather than an
 * error.
 */
final class Streams {

	private Streams() {
	}

	/**
	 * The first byte of a frame; end of stream here is an orderly close between requests.
	 */
	static int firstByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new SoftEndOfStreamException("Stream closed between frames");
		}
		return b;
	}

	/**
	 * A byte inside a frame. The client gave up mid-request, so there is nobody to
	 * answer; closing quietly keeps client faults out of the error log.
	 */
	static int nextByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new SoftEndOfStreamException("Stream closed inside a frame");
		}
		return b;
	}

	/** The client closed inside a frame: see {@link #nextByte}. */
	static Frame endedInsideFrame() throws SoftEndOfStreamException {
		throw new SoftEndOfStreamException("Stream closed inside a frame");
	}

	/**
	 * A frame of known length, in a buffer that grows as its bytes arrive (and counts
	 * against the memory budget), not allocated whole from the announced length.
	 */
	static byte[] exactly(InputStream in, int length) throws IOException {
		if (length == 0) {
			return new byte[0];
		}
		FrameBytes frame = FrameBytes.on(in, length);
		frame.addFrom(in, length);
		return frame.toArray();
	}

	/**
	 * The {@code ERR <reason>} line that every non-HTTP framing answers problems with.
	 */
	static byte[] errorLine(Problem problem, int maxFrameSize) {
		String text = (problem == Problem.FRAME_TOO_LARGE || problem == Problem.HEAD_TOO_LARGE)
				? problem.text() + " (max " + maxFrameSize + " bytes)" : problem.text();
		return ("ERR " + text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
