package dev.tcpgateway.connection;

/** Message headers a reply carries to the connection that writes it. */
public final class ReplyHeaders {

	/** {@code true}: close the connection once this reply is written. */
	public static final String CLOSE_AFTER_REPLY = "tcp_gateway_closeAfterReply";

	/**
	 * {@code true}: the request was rejected before it was read to its end, so the client
	 * may still be sending; linger before closing (see
	 * {@code GatewayConnection#closeGracefully}).
	 */
	public static final String CLIENT_MAY_STILL_SEND = "tcp_gateway_clientMayStillSend";

	/**
	 * The {@link CloseReason} to count when {@link #CLOSE_AFTER_REPLY} closes the
	 * connection; {@link CloseReason#CLIENT} when absent.
	 */
	public static final String CLOSE_REASON = "tcp_gateway_closeReason";

	/**
	 * {@code true}: the handler answered nothing; the message only carries
	 * {@link #CLOSE_AFTER_REPLY}, so nothing is written.
	 */
	public static final String NOTHING_TO_WRITE = "tcp_gateway_nothingToWrite";

	private ReplyHeaders() {
	}

}
