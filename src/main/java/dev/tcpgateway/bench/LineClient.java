package dev.tcpgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client of the {@code commands} listener for the cluster push benchmark: writes CRLF
 * lines, reads lines; a line that does not come within ten seconds reads as {@code null}
 * so that a lost push ends a run instead of hanging it.
 */
final class LineClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	private LineClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = socket.getOutputStream();
	}

	/** Connects to the loopback port and takes {@code name} with {@code LOGIN}. */
	static LineClient login(int port, String name) throws IOException {
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		LineClient client = new LineClient(socket);
		client.send("LOGIN " + name);
		String reply = client.readLine();
		if (!"OK".equals(reply)) {
			client.close();
			throw new IOException("LOGIN " + name + " answered " + reply);
		}
		return client;
	}

	void send(String line) {
		try {
			this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next line, or {@code null} when none came in time or the connection closed. */
	String readLine() {
		try {
			return this.in.readLine();
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
