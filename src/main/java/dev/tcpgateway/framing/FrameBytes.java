package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A growable byte buffer for assembling one frame. Starts small so that short requests
 * (the common case) do not pay for {@code max-frame-size} up front, and never grows past
 * the frame's limit (doubling alone would take a frame one byte over 64 KB to a 128 KB
 * array); callers enforce the bound on the content. Each growth is reported to the input
 * stream's {@link FrameMemory} first, so the server's budget for client buffers sees it
 * before it is allocated.
 */
final class FrameBytes {

	private static final int INITIAL_CAPACITY = 128;

	private static final FrameMemory UNCOUNTED = (moreBytes) -> {
	};

	private final FrameMemory memory;

	private final int limit;

	private byte[] bytes;

	private int size;

	private FrameBytes(FrameMemory memory, int limit) {
		this.memory = memory;
		this.limit = limit;
		this.bytes = new byte[Math.min(INITIAL_CAPACITY, limit)];
	}

	/** A buffer for a frame of at most {@code limit} bytes read from this stream. */
	static FrameBytes on(InputStream in, int limit) {
		return new FrameBytes((in instanceof FrameMemory memory) ? memory : UNCOUNTED, limit);
	}

	void add(int b) throws IOException {
		if (this.size == this.bytes.length) {
			grow();
		}
		this.bytes[this.size++] = (byte) b;
	}

	/**
	 * Appends exactly {@code count} bytes from the stream, growing only as they arrive: a
	 * client that announces a large frame and sends it slowly holds no more than it sent.
	 */
	void addFrom(InputStream in, int count) throws IOException {
		int end = this.size + count;
		while (this.size < end) {
			if (this.size == this.bytes.length) {
				grow();
			}
			int read = in.read(this.bytes, this.size, Math.min(this.bytes.length, end) - this.size);
			if (read < 0) {
				throw new SoftEndOfStreamException("Stream closed inside a frame");
			}
			this.size += read;
		}
	}

	private void grow() throws IOException {
		int capacity = (int) Math.min(2L * this.bytes.length, this.limit);
		if (capacity <= this.bytes.length) {
			throw new IllegalStateException("frame over its limit of " + this.limit + " bytes");
		}
		this.memory.holding(capacity - this.bytes.length);
		this.bytes = Arrays.copyOf(this.bytes, capacity);
	}

	int size() {
		return this.size;
	}

	int last() {
		return this.bytes[this.size - 1] & 0xFF;
	}

	/** Whether the bytes so far end with {@code suffix}. */
	boolean endsWith(byte[] suffix) {
		if (this.size < suffix.length) {
			return false;
		}
		return Arrays.equals(this.bytes, this.size - suffix.length, this.size, suffix, 0, suffix.length);
	}

	/** The first {@code length} bytes. */
	byte[] toArray(int length) {
		return Arrays.copyOf(this.bytes, length);
	}

	void dropLast() {
		this.size--;
	}

	/** The bytes so far as ISO-8859-1 text (an HTTP head). */
	String text() {
		return new String(this.bytes, 0, this.size, StandardCharsets.ISO_8859_1);
	}

	byte[] toArray() {
		return (this.size == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.size);
	}

}
