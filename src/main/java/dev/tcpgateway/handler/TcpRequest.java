package dev.tcpgateway.handler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.session.TcpSession;

/**
 * One framed request as a handler sees it.
 *
 * @param listener the listener's name in {@code tcp.listeners}
 * @param connectionId identifies the connection; stable for all requests on it
 * @param remoteAddress the client's address and port
 * @param framing the listener's framing
 * @param bytes the payload without delimiters or length header; on the {@code http}
 * framing, the whole request as received (head and body)
 * @param session the connection's session: attributes that live as long as the
 * connection, and a name other beans can push to
 */
public record TcpRequest(String listener, String connectionId, InetSocketAddress remoteAddress, Framing framing,
		byte[] bytes, TcpSession session) {

	/**
	 * A request of no connection the server holds (built by hand, in a test say): its
	 * session is {@linkplain TcpSession#detached detached}.
	 */
	public TcpRequest(String listener, String connectionId, InetSocketAddress remoteAddress, Framing framing,
			byte[] bytes) {
		this(listener, connectionId, remoteAddress, framing, bytes,
				TcpSession.detached(listener, connectionId, remoteAddress));
	}

	/**
	 * The client as {@code host:port}, an IPv6 host in brackets ({@code [::1]:51234}).
	 */
	public String client() {
		String host = this.remoteAddress.getAddress().getHostAddress();
		return (host.indexOf(':') >= 0) ? "[" + host + "]:" + this.remoteAddress.getPort()
				: host + ":" + this.remoteAddress.getPort();
	}

	/** The payload decoded as UTF-8; malformed sequences become U+FFFD. */
	public String text() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

}
