package dev.tcpgateway.connection;

/**
 * Why a connection ended, as the {@code reason} tag of {@code tcp.connections.closed}
 * shows it.
 */
public enum CloseReason {

	/**
	 * The client closed or reset it, or ended the conversation (HTTP
	 * {@code Connection: close}, {@code QUIT}).
	 */
	CLIENT("client"),

	/** Nothing arrived for {@code idle-timeout} between requests. */
	IDLE_TIMEOUT("idle-timeout"),

	/** A request did not arrive in full within {@code frame-timeout}. */
	FRAME_TIMEOUT("frame-timeout"),

	/** The client did not read its reply within {@code write-timeout}. */
	WRITE_TIMEOUT("write-timeout"),

	/** A request over {@code max-frame-size} (or an HTTP head over its limit). */
	LIMIT("limit"),

	/**
	 * A malformed request, a handler that ignored its timeout, or an unexpected I/O
	 * failure.
	 */
	ERROR("error"),

	/**
	 * The server's budget for bytes held from clients ({@code tcp.memory.max-buffered})
	 * ran out, and this connection held among the most.
	 */
	MEMORY("memory"),

	/** The server stopped, or drained the connection while shutting down. */
	SHUTDOWN("shutdown"),

	/**
	 * Another connection took its session name ({@code TcpSession.name}): a device that
	 * reconnected replaces its old connection.
	 */
	REPLACED("replaced"),

	/**
	 * Closed on purpose through {@code TcpConnections.close} (a bean, or a DELETE on the
	 * {@code tcpconnections} actuator endpoint).
	 */
	CLOSED_BY_SERVER("closed-by-server");

	private final String tag;

	CloseReason(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
