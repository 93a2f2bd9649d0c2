package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A buffered view of the socket for the deserializers. Spring Integration hands them the raw
 * socket stream, which they read a byte per system call; buffering roughly doubles throughput.
 * Unlike {@link java.io.BufferedInputStream} it takes no lock: one thread reads a connection.
 * A reset by the peer is a client leaving, not a server error, so it ends the connection quietly.
 */
final class ClientInputStream extends InputStream {

	private final InputStream socket;

	private final byte[] buffer;

	private int position;

	private int limit;

	private volatile boolean discarded;

	ClientInputStream(InputStream socket, int bufferSize) {
		this.socket = socket;
		this.buffer = new byte[bufferSize];
	}

	/**
	 * Drops what is buffered and ends every later read: once the connection is closed, requests a
	 * client pipelined behind the last one (after {@code QUIT}, say) must not be processed.
	 */
	void discard() {
		this.discarded = true;
	}

	@Override
	public int read() throws IOException {
		checkNotDiscarded();
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		checkNotDiscarded();
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit) {
			if (length >= this.buffer.length) {
				return socketRead(target, offset, length);
			}
			if (!fill()) {
				return -1;
			}
		}
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public int available() throws IOException {
		return (this.limit - this.position) + this.socket.available();
	}

	private void checkNotDiscarded() throws SoftEndOfStreamException {
		if (this.discarded) {
			throw new SoftEndOfStreamException("Connection closed by the server");
		}
	}

	private boolean fill() throws IOException {
		int count = socketRead(this.buffer, 0, this.buffer.length);
		this.position = 0;
		this.limit = Math.max(count, 0);
		return count > 0;
	}

	private int socketRead(byte[] target, int offset, int length) throws IOException {
		try {
			return this.socket.read(target, offset, length);
		}
		catch (SocketException ex) {
			throw new SoftEndOfStreamException("Connection ended by the peer: " + ex.getMessage());
		}
	}

}
