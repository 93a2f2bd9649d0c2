package dev.tcpgateway.connection;

/** Message headers a request carries from its connection to the dispatcher. */
public final class RequestHeaders {

	/**
	 * The client's {@link java.net.InetSocketAddress}: the peer of the accepted socket,
	 * or the client a PROXY header named.
	 */
	public static final String CLIENT = "tcp_gateway_client";

	private RequestHeaders() {
	}

}
