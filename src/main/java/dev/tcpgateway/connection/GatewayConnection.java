package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

/**
 * A server-side connection with a buffered input, an open-connection count, and the ability to
 * close after a reply when the reply asks for it (HTTP {@code Connection: close}, {@code QUIT},
 * an oversized frame).
 */
final class GatewayConnection extends TcpNetConnection {

	/** After an error reply the client may still be sending; read (and drop) for this long. */
	private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final int LINGER_MAX_BYTES = 1 << 20;

	private static final int INPUT_BUFFER_SIZE = 4096;

	private final Socket socket;

	private final OpenConnections openConnections;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable ClientInputStream input;

	GatewayConnection(Socket socket, @Nullable ApplicationEventPublisher publisher, @Nullable String factoryName,
			OpenConnections openConnections) {
		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.openConnections = openConnections;
		openConnections.opened();
	}

	@Override
	protected InputStream inputStream() throws IOException {
		ClientInputStream in = this.input;
		if (in == null) {
			in = new ClientInputStream(this.socket.getInputStream(), INPUT_BUFFER_SIZE);
			this.input = in;
		}
		return in;
	}

	@Override
	public void send(Message<?> message) {
		super.send(message);
		if (Boolean.TRUE.equals(message.getHeaders().get(ReplyHeaders.CLOSE_AFTER_REPLY))) {
			closeGracefully();
		}
	}

	/**
	 * Closing a socket that still has unread input makes the kernel send a reset, which can destroy
	 * the reply before the client reads it. So: send FIN first, drain what the client is still
	 * sending (bounded in time and bytes), then close.
	 */
	private void closeGracefully() {
		try {
			this.socket.shutdownOutput();
			long deadline = System.nanoTime() + LINGER_NANOS;
			byte[] sink = new byte[4096];
			int drained = 0;
			InputStream in = this.socket.getInputStream();
			while (drained < LINGER_MAX_BYTES) {
				long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remainingMillis <= 0) {
					break;
				}
				this.socket.setSoTimeout((int) remainingMillis);
				int count = in.read(sink);
				if (count < 0) {
					break;
				}
				drained += count;
			}
		}
		catch (IOException ex) {
			// The client reset or timed out while we drained; the reply was already written.
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.openConnections.closed();
			ClientInputStream in = this.input;
			if (in != null) {
				in.discard();
			}
		}
		super.close();
	}

}
