package dev.tcpgateway.connection;

/** Message headers a reply carries to the connection that writes it. */
public final class ReplyHeaders {

	/** {@code true}: close the connection once this reply is written. */
	public static final String CLOSE_AFTER_REPLY = "tcp_gateway_closeAfterReply";

	private ReplyHeaders() {
	}

}
