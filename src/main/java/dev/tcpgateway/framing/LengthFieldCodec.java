package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * A length field anywhere in a fixed header (ISO 8583, Modbus TCP, most binary
 * protocols): {@code offset} header bytes, the field, then the bytes it counts. The
 * field's value is checked against {@code max-frame-size} before anything is allocated.
 * <p>
 * Replies are framed the same way. The serializer takes the {@code offset} header bytes
 * followed by the payload (or, with {@code include-header}, a whole frame) and writes the
 * length field itself, so a handler never computes a length.
 */
final class LengthFieldCodec implements FrameCodec {

	private final LengthFieldLayout layout;

	private final int maxFrameSize;

	LengthFieldCodec(LengthFieldLayout layout, int maxFrameSize) {
		this.layout = layout;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		byte[] header = new byte[this.layout.headerSize()];
		header[0] = (byte) Streams.firstByte(in);
		for (int i = 1; i < header.length; i++) {
			header[i] = (byte) Streams.nextByte(in);
		}
		long value = LengthFieldValue.decode(this.layout, header, this.layout.offset());
		if (value == LengthFieldValue.MALFORMED) {
			return new Frame.Rejected(Problem.MALFORMED);
		}
		// Compared before adding so that a huge value plus the adjustment cannot
		// overflow. With include-header the handler gets the header too, and
		// max-frame-size bounds all it gets (found by fuzzing: a frame one header over).
		long maxFollowing = this.layout.includeHeader() ? (long) this.maxFrameSize - header.length : this.maxFrameSize;
		if (value < 0 || value > maxFollowing - this.layout.adjustment()) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		long following = value + this.layout.adjustment();
		if (following < 0) {
			return new Frame.Rejected(Problem.MALFORMED);
		}
		byte[] body = Streams.exactly(in, (int) following);
		byte[] prefix = Arrays.copyOf(header, this.layout.offset());
		return new LengthFieldFrame(this.layout.includeHeader() ? concat(header, body) : body, prefix);
	}

	@Override
	public Serializer<byte[]> serializer() {
		return this::write;
	}

	/**
	 * Writes the header bytes, the length field and the payload; with
	 * {@code include-header}, the whole frame with its length field corrected.
	 */
	private void write(byte[] bytes, OutputStream out) throws IOException {
		int offset = this.layout.offset();
		long value = value(bytes);
		if (value < 0) {
			throw new IllegalArgumentException(
					bytes.length + " bytes cannot be framed with a " + this.layout.size() + "-byte length field");
		}
		byte[] field = new byte[this.layout.size()];
		LengthFieldValue.encode(this.layout, value, field, 0);
		out.write(bytes, 0, offset);
		out.write(field);
		int payloadStart = this.layout.includeHeader() ? this.layout.headerSize() : offset;
		out.write(bytes, payloadStart, bytes.length - payloadStart);
	}

	/**
	 * The length field's value for what {@link #write} is given, or -1 when it does not
	 * fit the field (or is shorter than the header).
	 */
	private long value(byte[] bytes) {
		int header = this.layout.includeHeader() ? this.layout.headerSize() : this.layout.offset();
		if (bytes.length < header) {
			return -1;
		}
		long value = (long) bytes.length - header - this.layout.adjustment();
		return (value > this.layout.capacity()) ? -1 : value;
	}

	@Override
	public byte[] reply(Frame.Request request, byte[] body, boolean close) {
		byte[] framed = this.layout.includeHeader() ? body : concat(prefix(request), body);
		return (value(framed) < 0) ? error(Problem.REPLY_TOO_LARGE, request) : framed;
	}

	/**
	 * With no request to copy the bytes before the length field from, they are zeros;
	 * none when the payload does not fit the field.
	 */
	@Override
	public byte @Nullable [] push(byte[] body) {
		byte[] framed = this.layout.includeHeader() ? body : concat(prefix(null), body);
		return (value(framed) < 0) ? null : framed;
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request) {
		byte[] text = Streams.errorLine(problem, this.maxFrameSize);
		// A small field (one ASCII digit) cannot carry the whole text; its start still
		// says ERR.
		long room = this.layout.capacity() + this.layout.adjustment();
		if (text.length > room) {
			text = Arrays.copyOf(text, (int) Math.max(0, room));
		}
		byte[] header = this.layout.includeHeader() ? Arrays.copyOf(prefix(request), this.layout.headerSize())
				: prefix(request);
		byte[] framed = concat(header, text);
		return (value(framed) < 0) ? header : framed;
	}

	/** The request's header bytes before the length field, zeros when there is none. */
	private byte[] prefix(Frame.@Nullable Request request) {
		return (request instanceof LengthFieldFrame frame) ? frame.prefix() : new byte[this.layout.offset()];
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
