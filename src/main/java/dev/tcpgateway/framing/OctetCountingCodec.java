package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * Syslog over TCP (RFC 6587 section 3.4, RFC 5425): {@code MSG-LEN SP MSG}, where MSG may
 * hold line breaks. A frame that does not start with a digit is read as a line ended by
 * LF (RFC 6587 section 3.4.2, non-transparent framing), as senders may switch on the same
 * connection. Unlike Spring Integration's {@code RFC6587SyslogDeserializer}, the length
 * is checked against {@code max-frame-size} while its digits arrive, before anything is
 * allocated.
 */
final class OctetCountingCodec extends PlainReplyCodec {

	OctetCountingCodec(int maxFrameSize) {
		super(maxFrameSize);
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		int b = Streams.firstByte(in);
		while (b == '\n') {
			// An empty line carries no message, and no octet count can stand for one
			// (MSG-LEN starts with a non-zero digit): skipped like the space between
			// messages. Found by fuzzing: echoed, it came back as "0 ", which is
			// malformed.
			b = Streams.firstByte(in);
		}
		if (b == '0') {
			// MSG-LEN = NONZERO-DIGIT *DIGIT
			return new Frame.Rejected(Problem.MALFORMED);
		}
		if (b < '1' || b > '9') {
			return line(in, b);
		}
		long length = 0;
		while (b >= '0' && b <= '9') {
			length = length * 10 + (b - '0');
			if (length > this.maxFrameSize) {
				return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
			}
			b = Streams.nextByte(in);
		}
		if (b != ' ') {
			return new Frame.Rejected(Problem.MALFORMED);
		}
		return new DataFrame(Streams.exactly(in, (int) length));
	}

	/** A non-transparently framed message: everything up to LF. */
	private Frame line(InputStream in, int first) throws IOException {
		FrameBytes frame = FrameBytes.on(in, this.maxFrameSize);
		int b = first;
		while (b != '\n') {
			if (frame.size() == this.maxFrameSize) {
				return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
			}
			frame.add(b);
			b = Streams.nextByte(in);
		}
		return new DataFrame(frame.toArray());
	}

	@Override
	public Serializer<byte[]> serializer() {
		return OctetCountingCodec::write;
	}

	private static void write(byte[] bytes, OutputStream out) throws IOException {
		if (bytes.length == 0) {
			// No octet count stands for an empty message; a reply of nothing is sent as
			// nothing.
			return;
		}
		out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
	}

}
