package dev.tcpgateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a handler answers: the reply payload (the framing adds delimiters, a length header
 * or the HTTP status line) and whether to close the connection once it is written; or,
 * from {@link #none()}, that the request gets no answer at all.
 *
 * @param bytes the payload
 * @param closeAfterReply close the connection after writing the reply
 * @param silent nothing is written to the client (see {@link #none()})
 */
public record TcpReply(byte[] bytes, boolean closeAfterReply, boolean silent) {

	private static final TcpReply NONE = new TcpReply(new byte[0], false, true);

	public TcpReply {
		Objects.requireNonNull(bytes, "a reply's bytes must not be null; answer TcpReply.none() for no reply");
	}

	public TcpReply(byte[] bytes, boolean closeAfterReply) {
		this(bytes, closeAfterReply, false);
	}

	public static TcpReply of(String text) {
		return new TcpReply(text.getBytes(StandardCharsets.UTF_8), false);
	}

	public static TcpReply of(byte[] bytes) {
		return new TcpReply(bytes, false);
	}

	/**
	 * No answer: the request is one-way (syslog, telemetry), nothing is written back and
	 * the connection goes on reading the next request. Counted as an {@code ok} request.
	 * On the {@code http} framing, whose clients always wait for a response, it is an
	 * empty one.
	 */
	public static TcpReply none() {
		return NONE;
	}

	/** The same reply, then close the connection (with no reply: just close it). */
	public TcpReply thenClose() {
		return new TcpReply(this.bytes, true, this.silent);
	}

}
