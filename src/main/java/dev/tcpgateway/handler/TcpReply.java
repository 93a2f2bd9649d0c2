package dev.tcpgateway.handler;

import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: the reply payload (the framing adds delimiters, a length header
 * or the HTTP status line) and whether to close the connection once it is written.
 *
 * @param bytes the payload
 * @param closeAfterReply close the connection after writing the reply
 */
public record TcpReply(byte[] bytes, boolean closeAfterReply) {

	public static TcpReply of(String text) {
		return new TcpReply(text.getBytes(StandardCharsets.UTF_8), false);
	}

	public static TcpReply of(byte[] bytes) {
		return new TcpReply(bytes, false);
	}

	/** The same reply, then close the connection. */
	public TcpReply thenClose() {
		return new TcpReply(this.bytes, true);
	}

}
