package dev.tcpgateway.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The encrypting side of an {@link EngineSocket}: wraps what is written into records and
 * writes them to the plain socket. Replies (the connection's thread) and pushes (other
 * threads, under the connection's send lock) both write here, so its own lock guards the
 * one output buffer; a write blocked on a client that does not read holds only this lock,
 * never the reader's.
 */
final class EngineOutput extends OutputStream {

	private static final int INITIAL_SIZE = 2048;

	private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	private final OutputStream socket;

	private final EngineSocket owner;

	final ReentrantLock lock = new ReentrantLock();

	/** Records wrapped and not written yet (write mode while wrapping). */
	private ByteBuffer network = ByteBuffer.allocate(INITIAL_SIZE);

	EngineOutput(SSLEngine engine, OutputStream socket, EngineSocket owner) {
		this.engine = engine;
		this.socket = socket;
		this.owner = owner;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.owner.startHandshake();
		ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
		this.lock.lock();
		try {
			while (source.hasRemaining()) {
				if (wrap(source) < 0) {
					throw new SocketException("Socket closed");
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void flush() throws IOException {
		this.lock.lock();
		try {
			this.socket.flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Writes what the engine has to send of its own (handshake messages, session tickets,
	 * an alert, close_notify); the caller holds the lock.
	 */
	void writeEngineRecords() throws IOException {
		int written;
		do {
			// A flight may take several wraps.
			written = wrap(NOTHING);
		}
		while (written > 0 && this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
		this.socket.flush();
	}

	/**
	 * After a wrap or unwrap: runs the engine's delegated tasks here (a blocking thread
	 * per connection has nothing better to do meanwhile), and sends what the engine asks
	 * to send.
	 */
	void afterStep(HandshakeStatus status) throws IOException {
		HandshakeStatus next = status;
		if (next == HandshakeStatus.NEED_TASK) {
			Runnable task;
			while ((task = this.engine.getDelegatedTask()) != null) {
				task.run();
			}
			next = this.engine.getHandshakeStatus();
		}
		if (next == HandshakeStatus.NEED_WRAP) {
			this.lock.lock();
			try {
				writeEngineRecords();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * One wrap and its write: the bytes written, or -1 once the engine's outbound side is
	 * closed.
	 */
	private int wrap(ByteBuffer source) throws IOException {
		while (true) {
			this.network.clear();
			SSLEngineResult result = this.engine.wrap(source, this.network);
			if (result.bytesProduced() > 0) {
				this.socket.write(this.network.array(), this.network.arrayOffset(), this.network.position());
			}
			switch (result.getStatus()) {
				case OK -> {
					if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
						afterStep(result.getHandshakeStatus());
					}
					return result.bytesProduced();
				}
				case BUFFER_OVERFLOW -> this.network = ByteBuffer
					.allocate(Math.max(this.network.capacity() * 2, this.engine.getSession().getPacketBufferSize()));
				case CLOSED -> {
					return (result.bytesProduced() > 0) ? result.bytesProduced() : -1;
				}
				case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported a buffer underflow");
			}
		}
	}

}
