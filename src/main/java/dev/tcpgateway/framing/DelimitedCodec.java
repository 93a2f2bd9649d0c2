package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * Framings that end each frame with a delimiter byte: lines (CRLF or LF), NUL-terminated
 * and STX/ETX. Reads only up to {@code max-frame-size} bytes of payload before rejecting
 * the frame.
 */
final class DelimitedCodec extends PlainReplyCodec {

	private static final int NO_START_BYTE = -1;

	private final int startByte;

	private final int endByte;

	private final boolean stripCarriageReturn;

	private final Serializer<byte[]> serializer;

	private DelimitedCodec(int startByte, int endByte, boolean stripCarriageReturn, int maxFrameSize,
			Serializer<byte[]> serializer) {
		super(maxFrameSize);
		this.startByte = startByte;
		this.endByte = endByte;
		this.stripCarriageReturn = stripCarriageReturn;
		this.serializer = serializer;
	}

	/**
	 * Lines end with LF and a CR before it is dropped, so both telnet (CRLF) and nc (LF)
	 * work.
	 */
	static DelimitedCodec crlf(int maxFrameSize) {
		return new DelimitedCodec(NO_START_BYTE, '\n', true, maxFrameSize, TcpCodecs.crlf());
	}

	static DelimitedCodec lf(int maxFrameSize) {
		return new DelimitedCodec(NO_START_BYTE, '\n', false, maxFrameSize, TcpCodecs.lf());
	}

	static DelimitedCodec nullTerminated(int maxFrameSize) {
		return new DelimitedCodec(NO_START_BYTE, 0x00, false, maxFrameSize, TcpCodecs.singleTerminator((byte) 0));
	}

	static DelimitedCodec stxEtx(int maxFrameSize) {
		return new DelimitedCodec(0x02, 0x03, false, maxFrameSize, TcpCodecs.stxetx());
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		int b = Streams.firstByte(in);
		if (this.startByte != NO_START_BYTE) {
			if (b != this.startByte) {
				return new Frame.Rejected(Problem.MALFORMED);
			}
			b = Streams.nextByte(in);
		}
		// One byte of slack so that a CR right before the LF does not count against the
		// limit.
		int limit = this.stripCarriageReturn ? this.maxFrameSize + 1 : this.maxFrameSize;
		FrameBytes frame = FrameBytes.on(in, limit);
		while (b != this.endByte) {
			if (frame.size() == limit) {
				return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
			}
			frame.add(b);
			b = Streams.nextByte(in);
		}
		if (this.stripCarriageReturn && frame.size() > 0 && frame.last() == '\r') {
			frame.dropLast();
		}
		if (frame.size() > this.maxFrameSize) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		return new DataFrame(frame.toArray());
	}

	@Override
	public Serializer<byte[]> serializer() {
		return this.serializer;
	}

}
