package dev.tcpgateway.framing;

import java.util.Arrays;

/**
 * A growable byte buffer for assembling one frame. Starts small so that short requests
 * (the common case) do not pay for {@code max-frame-size} up front; callers enforce the
 * bound.
 */
final class FrameBytes {

	private byte[] bytes = new byte[128];

	private int size;

	void add(int b) {
		if (this.size == this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, this.bytes.length * 2);
		}
		this.bytes[this.size++] = (byte) b;
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

	byte[] toArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

}
