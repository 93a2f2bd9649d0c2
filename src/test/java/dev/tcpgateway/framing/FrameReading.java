package dev.tcpgateway.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Feeds a codec from bytes in memory, as a socket would. */
final class FrameReading {

	private final FrameCodec codec;

	private final InputStream in;

	private FrameReading(FrameCodec codec, InputStream in) {
		this.codec = codec;
		this.in = in;
	}

	static FrameReading of(FrameCodec codec, byte[] bytes) {
		return new FrameReading(codec, new ByteArrayInputStream(bytes));
	}

	static FrameReading of(FrameCodec codec, String text) {
		return of(codec, text.getBytes(StandardCharsets.ISO_8859_1));
	}

	static FrameReading of(FrameCodec codec, InputStream in) {
		return new FrameReading(codec, in);
	}

	Frame next() throws IOException {
		return this.codec.deserializer().deserialize(this.in);
	}

	String nextText() throws IOException {
		Frame frame = next();
		if (!(frame instanceof Frame.Request request)) {
			throw new AssertionError("expected a request, got " + frame);
		}
		return new String(request.bytes(), StandardCharsets.ISO_8859_1);
	}

	static byte[] written(FrameCodec codec, byte[] reply) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			codec.serializer().serialize(reply, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	/**
	 * A stream whose header is followed by a read that fails the test: nothing after it
	 * may be read.
	 */
	static InputStream thenExplode(int... header) {
		InputStream explode = new InputStream() {
			@Override
			public int read() {
				throw new AssertionError("read past the header");
			}
		};
		return new SequenceInputStream(new ByteArrayInputStream(bytes(header)), explode);
	}

}
