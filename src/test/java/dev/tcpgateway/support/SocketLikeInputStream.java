package dev.tcpgateway.support;

import java.io.InputStream;
import java.util.Arrays;

/**
 * Bytes in memory read the way a socket's stream reads them: unlike
 * {@link java.io.ByteArrayInputStream} it does not size {@code readNBytes} by what is
 * left, so a parser that trusts a length it read allocates for that length here as it
 * would on a socket. Knows how many bytes were taken, to check that a parser stops at the
 * end of what it parsed.
 */
public final class SocketLikeInputStream extends InputStream {

	private final byte[] bytes;

	private int position;

	public SocketLikeInputStream(byte[] bytes, int from) {
		this.bytes = bytes;
		this.position = from;
	}

	@Override
	public int read() {
		return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xFF : -1;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.bytes.length) {
			return -1;
		}
		int count = Math.min(length, this.bytes.length - this.position);
		System.arraycopy(this.bytes, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	/** Where the next read starts. */
	public int position() {
		return this.position;
	}

	public boolean exhausted() {
		return this.position == this.bytes.length;
	}

	/** The bytes taken since {@code from}. */
	public byte[] takenSince(int from) {
		return Arrays.copyOfRange(this.bytes, from, this.position);
	}

}
