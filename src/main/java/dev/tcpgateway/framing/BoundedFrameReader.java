package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one connection as a {@link CustomFraming} reads them: at most
 * {@code max-frame-size} bytes a frame, every request checked before anything is
 * allocated. The client closing between frames ends the connection quietly.
 */
public final class BoundedFrameReader {

	private final InputStream in;

	private final int maxFrameSize;

	private int read;

	BoundedFrameReader(InputStream in, int maxFrameSize) {
		this.in = in;
		this.maxFrameSize = maxFrameSize;
	}

	/** The next byte, 0 to 255. */
	public int readByte() throws IOException {
		claim(1);
		return (this.read++ == 0) ? Streams.firstByte(this.in) : Streams.nextByte(this.in);
	}

	/**
	 * The next {@code count} bytes; more than {@link #remaining()} rejects the frame as
	 * too large before anything is allocated.
	 */
	public byte[] readBytes(int count) throws IOException {
		if (count < 0) {
			throw new MalformedFrameException("negative length " + count);
		}
		if (count == 0) {
			return new byte[0];
		}
		// Checked before anything is read or allocated, the first byte of a frame
		// included.
		claim(count);
		if (this.read == 0) {
			int first = readByte();
			byte[] rest = readBytes(count - 1);
			byte[] bytes = new byte[count];
			bytes[0] = (byte) first;
			System.arraycopy(rest, 0, bytes, 1, count - 1);
			return bytes;
		}
		this.read += count;
		return Streams.exactly(this.in, count);
	}

	/** An unsigned big-endian number of {@code size} bytes (1 to 4). */
	public int readUnsigned(int size) throws IOException {
		int value = 0;
		for (int i = 0; i < size; i++) {
			value = (value << 8) | readByte();
		}
		return value;
	}

	/** How many more bytes this frame may have. */
	public int remaining() {
		return this.maxFrameSize - this.read;
	}

	private void claim(int count) {
		if (count > remaining()) {
			throw new FrameTooLargeException();
		}
	}

}
