package dev.tcpgateway.session;

/**
 * What became of one push. A push is written by the connection's own writer, in order,
 * after whatever was queued for it before; the caller never waits for the client.
 */
public enum PushResult {

	/**
	 * Queued for the connection; written next, unless the connection closes first (then
	 * counted as {@code failed} in {@code tcp.pushes}).
	 */
	QUEUED("queued"),

	/** No open connection has that name or id. */
	NO_SUCH_CONNECTION("no-such-connection"),

	/**
	 * The connection's push queue was full ({@code tcp.push.max-queued-bytes}): the
	 * client reads slower than it is pushed to. Nothing of this push was written.
	 */
	DROPPED("dropped"),

	/** The connection was closing. */
	FAILED("failed"),

	/**
	 * The listener's framing cannot carry a message the client did not ask for
	 * ({@code http}: a client reads only the response to its request), or the payload is
	 * too large for its length header.
	 */
	REFUSED("refused"),

	/**
	 * No connection here has the name, and the cluster's Redis could not be asked which
	 * instance has it (only with {@code tcp.cluster.redis.enabled}).
	 */
	UNAVAILABLE("unavailable");

	private final String tag;

	PushResult(String tag) {
		this.tag = tag;
	}

	/** As the {@code outcome} tag of {@code tcp.pushes} and the access log show it. */
	public String tag() {
		return this.tag;
	}

}
