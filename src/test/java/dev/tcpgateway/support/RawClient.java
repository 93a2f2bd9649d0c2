package dev.tcpgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw TCP client for black-box tests: send bytes, trickle them, half-close, reset, or
 * never read. Every read is bounded by a timeout so a broken server fails the test
 * instead of hanging it.
 */
public final class RawClient implements AutoCloseable {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	public static RawClient connect(int port) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) DEFAULT_TIMEOUT.toMillis());
			socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			return new RawClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Socket socket() {
		return this.socket;
	}

	public RawClient send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public RawClient send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends one byte at a time with a pause between them. */
	public RawClient trickle(byte[] bytes, Duration pause) {
		for (byte b : bytes) {
			send(new byte[] { b });
			sleep(pause);
		}
		return this;
	}

	/** Reads one line ended by LF and returns it without CR/LF. */
	public String readLine() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = readByte()) != '\n') {
			if (b < 0) {
				throw new IllegalStateException(
						"Connection closed after '" + line.toString(StandardCharsets.UTF_8) + "'");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/** Reads exactly {@code count} bytes. */
	public byte[] readBytes(int count) {
		try {
			byte[] bytes = this.in.readNBytes(count);
			if (bytes.length < count) {
				throw new IllegalStateException("Connection closed after " + bytes.length + " of " + count + " bytes");
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads everything until the server closes the connection. */
	public byte[] readToEnd() {
		try {
			return this.in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String readToEndAsString() {
		return new String(readToEnd(), StandardCharsets.UTF_8);
	}

	/**
	 * Reads one HTTP response: the head, then as many body bytes as
	 * {@code Content-Length} says. Returns head and body as one string.
	 */
	public String readHttpResponse() {
		StringBuilder head = new StringBuilder();
		String line;
		int contentLength = 0;
		while (!(line = readLine()).isEmpty()) {
			head.append(line).append("\r\n");
			if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring(15).strip());
			}
		}
		head.append("\r\n");
		return head + new String(readBytes(contentLength), StandardCharsets.UTF_8);
	}

	/** -1 at end of stream; fails the test on a read timeout. */
	public int readByte() {
		try {
			return this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new IllegalStateException("No data from the server within the client's read timeout", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * True when the server has closed the connection (the next read sees end of stream or
	 * a reset).
	 */
	public boolean isClosedByServer() {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	public RawClient timeout(Duration timeout) {
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Half-close: no more data from this side, replies may still arrive. */
	public RawClient shutdownOutput() {
		try {
			this.socket.shutdownOutput();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Close with SO_LINGER 0, so the server sees a reset instead of a FIN. */
	public void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
