package dev.tcpgateway.framing;

/**
 * Everything that can go wrong with a request, with the short text a line client sees
 * after {@code ERR } and the status an HTTP client sees. Texts never carry class names or
 * stack traces.
 */
public enum Problem {

	FRAME_TOO_LARGE("frame too large", 413, "Content Too Large", true),

	HEAD_TOO_LARGE("frame too large", 431, "Request Header Fields Too Large", true),

	MALFORMED("malformed request", 400, "Bad Request", true),

	NOT_IMPLEMENTED("unsupported request", 501, "Not Implemented", true),

	FRAME_TIMEOUT("frame timeout", 408, "Request Timeout", true),

	/**
	 * The server's budget for bytes held from clients (tcp.memory.max-buffered) ran out,
	 * and this connection was among those holding the most.
	 */
	OUT_OF_MEMORY("server out of memory", 503, "Service Unavailable", true),

	/** Refused at accept: the listener or this client has no connection slot left. */
	SERVER_BUSY("server busy", 503, "Service Unavailable", true),

	/** No request slot freed within {@code queue-timeout}; the connection stays open. */
	BUSY("busy", 503, "Service Unavailable", false),

	/** The handler ran longer than {@code handler-timeout}. */
	TIMEOUT("timeout", 504, "Gateway Timeout", false),

	HANDLER_FAILED("internal error", 500, "Internal Server Error", false),

	REPLY_TOO_LARGE("reply too large for this framing", 500, "Internal Server Error", false);

	private final String text;

	private final int httpStatus;

	private final String httpReason;

	private final boolean closesConnection;

	Problem(String text, int httpStatus, String httpReason, boolean closesConnection) {
		this.text = text;
		this.httpStatus = httpStatus;
		this.httpReason = httpReason;
		this.closesConnection = closesConnection;
	}

	/** The short reason, e.g. {@code malformed request}. */
	public String text() {
		return this.text;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public String httpReason() {
		return this.httpReason;
	}

	/**
	 * Whether the connection must be closed after the error reply: after a framing
	 * problem the position in the stream is unknown, so reading on would desynchronise
	 * the next request.
	 */
	public boolean closesConnection() {
		return this.closesConnection;
	}

}
