package dev.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.Framing;

/**
 * Reads one reply off a connection and says whether it was an error. Replies of the plain
 * framings are framed like requests, so the server's own codec reads them; HTTP responses
 * are read here (status line, headers, Content-Length body).
 */
final class ReplyReader {

	private final Framing framing;

	private final FrameCodec codec;

	/** Whether the last HTTP response said {@code Connection: close}. */
	private boolean serverCloses;

	ReplyReader(Framing framing, FrameCodec codec) {
		this.framing = framing;
		this.codec = codec;
	}

	/**
	 * Reads one reply; returns its size in bytes, negative when it was an error reply.
	 */
	int read(InputStream in) throws IOException {
		if (this.framing == Framing.HTTP) {
			return readHttp(in);
		}
		Frame frame = this.codec.deserializer().deserialize(in);
		byte[] bytes = ((Frame.Request) frame).bytes();
		boolean error = bytes.length >= 4 && bytes[0] == 'E' && bytes[1] == 'R' && bytes[2] == 'R' && bytes[3] == ' ';
		return error ? -bytes.length - 1 : bytes.length;
	}

	/**
	 * Whether the server closes the connection after the last reply: an HTTP client must
	 * then send its next request on a new connection (a draining server says so on every
	 * reply).
	 */
	boolean serverCloses() {
		return this.serverCloses;
	}

	private int readHttp(InputStream in) throws IOException {
		String status = line(in);
		int size = status.length() + 2;
		int contentLength = 0;
		boolean closes = false;
		String header;
		while (!(header = line(in)).isEmpty()) {
			size += header.length() + 2;
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Integer.parseInt(header.substring(15).strip());
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				closes = true;
			}
		}
		this.serverCloses = closes;
		size += 2 + in.readNBytes(contentLength).length;
		return status.startsWith("HTTP/1.1 2") ? size : -size;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("connection closed by the server");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
