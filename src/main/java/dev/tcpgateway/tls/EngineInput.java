package dev.tcpgateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The decrypting side of an {@link EngineSocket}: reads records from the plain socket and
 * unwraps them. Only the connection's own thread reads; its lock is held across the
 * blocking socket read, and nothing a writer needs is under it (see
 * {@link EngineSocket}).
 * <p>
 * Both buffers start small and grow only when a record needs it (up to the session's
 * packet and application sizes, about 18 KB and 16 KB): a connection waiting for its next
 * small request holds a few KB, not the 34 KB a record-sized pair would be.
 */
final class EngineInput extends InputStream {

	private static final int INITIAL_SIZE = 2048;

	private final SSLEngine engine;

	private final InputStream socket;

	private final EngineOutput output;

	final ReentrantLock lock = new ReentrantLock();

	/** Ciphertext read from the socket and not unwrapped yet (read mode). */
	private ByteBuffer network = ByteBuffer.allocate(INITIAL_SIZE).flip();

	/** Plaintext unwrapped and not read yet (read mode). */
	private ByteBuffer application = ByteBuffer.allocate(INITIAL_SIZE).flip();

	private volatile boolean ended;

	EngineInput(SSLEngine engine, InputStream socket, EngineOutput output) {
		this.engine = engine;
		this.socket = socket;
		this.output = output;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		this.lock.lock();
		try {
			while (!this.application.hasRemaining()) {
				if (this.ended || !unwrap()) {
					return -1;
				}
			}
			int count = Math.min(length, this.application.remaining());
			this.application.get(target, offset, count);
			return count;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int available() {
		return this.application.remaining();
	}

	/**
	 * One step of unwrapping, reading from the socket first when no whole record is
	 * buffered; the handshake drives it too. False once the stream has ended (the
	 * client's close_notify, or the end of the socket's stream).
	 */
	boolean unwrap() throws IOException {
		this.application.compact();
		SSLEngineResult result;
		try {
			result = this.engine.unwrap(this.network, this.application);
		}
		finally {
			this.application.flip();
		}
		this.output.afterStep(result.getHandshakeStatus());
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			// The handshake ended with the last record buffered (OpenSSL's engine says so
			// with a buffer underflow): nothing more to read for it.
			return true;
		}
		return switch (result.getStatus()) {
			case OK -> (result.bytesConsumed() > 0 || result.bytesProduced() > 0) || readRecords();
			case BUFFER_UNDERFLOW -> readRecords();
			case BUFFER_OVERFLOW -> {
				this.application = EngineBuffers.grown(this.application,
						this.engine.getSession().getApplicationBufferSize());
				yield true;
			}
			case CLOSED -> {
				this.ended = true;
				yield false;
			}
		};
	}

	/** Reads more ciphertext from the socket; false at the end of its stream. */
	private boolean readRecords() throws IOException {
		if (this.network.remaining() == this.network.capacity()) {
			this.network = EngineBuffers.grown(this.network, this.engine.getSession().getPacketBufferSize());
		}
		this.network.compact();
		int count;
		try {
			count = this.socket.read(this.network.array(), this.network.arrayOffset() + this.network.position(),
					this.network.remaining());
			if (count > 0) {
				this.network.position(this.network.position() + count);
			}
		}
		finally {
			// Back to read mode, also when the read timed out: the next read goes on.
			this.network.flip();
		}
		if (count < 0) {
			this.ended = true;
			try {
				this.engine.closeInbound();
			}
			catch (SSLException ex) {
				// The client closed without close_notify, as many do; the end is the end.
			}
			return false;
		}
		return true;
	}

}
