package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * Frames marked by byte sequences of any length: an optional start sequence, the payload,
 * an end sequence ({@code delimited}, and HL7's MLLP as a preset). Bytes before the start
 * sequence are malformed; the payload is bounded by {@code max-frame-size}.
 */
final class SequenceDelimitedCodec extends PlainReplyCodec {

	private static final byte[] MLLP_START = { 0x0B };

	private static final byte[] MLLP_END = { 0x1C, 0x0D };

	private final byte[] start;

	private final byte[] end;

	private final boolean endMayBeCutByClose;

	private SequenceDelimitedCodec(byte[] start, byte[] end, boolean endMayBeCutByClose, int maxFrameSize) {
		super(maxFrameSize);
		this.start = start;
		this.end = end;
		this.endMayBeCutByClose = endMayBeCutByClose;
	}

	static SequenceDelimitedCodec delimited(byte[] start, byte[] end, int maxFrameSize) {
		return new SequenceDelimitedCodec(start, end, false, maxFrameSize);
	}

	/**
	 * MLLP: a final 0x1C without its 0x0D at the end of the stream still ends the message
	 * (as camel-mllp's {@code requireEndOfData=false}), since some senders close right
	 * after it.
	 */
	static SequenceDelimitedCodec mllp(int maxFrameSize) {
		return new SequenceDelimitedCodec(MLLP_START, MLLP_END, true, maxFrameSize);
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		int b = Streams.firstByte(in);
		for (int i = 0; i < this.start.length; i++) {
			if (b != (this.start[i] & 0xFF)) {
				return new Frame.Rejected(Problem.MALFORMED);
			}
			b = Streams.nextByte(in);
		}
		FrameBytes frame = FrameBytes.on(in, this.maxFrameSize + this.end.length);
		frame.add(b);
		while (!frame.endsWith(this.end)) {
			// A payload of max-frame-size bytes plus all but the last byte of the end
			// sequence is as far as a frame within the limit can go.
			if (frame.size() >= this.maxFrameSize + this.end.length) {
				return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
			}
			b = in.read();
			if (b < 0) {
				return endOfStream(frame);
			}
			frame.add(b);
		}
		return new DataFrame(frame.toArray(frame.size() - this.end.length));
	}

	private Frame endOfStream(FrameBytes frame) throws IOException {
		byte[] cutEnd = Arrays.copyOf(this.end, this.end.length - 1);
		if (this.endMayBeCutByClose && this.end.length > 1 && frame.endsWith(cutEnd)
				&& frame.size() - cutEnd.length <= this.maxFrameSize) {
			return new DataFrame(frame.toArray(frame.size() - cutEnd.length));
		}
		return Streams.endedInsideFrame();
	}

	@Override
	public Serializer<byte[]> serializer() {
		return this::write;
	}

	private void write(byte[] bytes, OutputStream out) throws IOException {
		out.write(this.start);
		out.write(bytes);
		out.write(this.end);
	}

}
