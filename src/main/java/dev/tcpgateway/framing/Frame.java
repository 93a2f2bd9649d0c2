package dev.tcpgateway.framing;

/**
 * What a deserializer reads off the socket: a request to hand to the listener's handler,
 * or a rejection when the bytes cannot form one (too large, malformed). Rejections are
 * values rather than exceptions so that the client still gets a reply before the
 * connection is closed.
 */
public sealed interface Frame permits Frame.Request, Frame.Rejected {

	/** A complete request. */
	sealed interface Request extends Frame permits DataFrame, HttpRequestFrame, LengthFieldFrame {

		/** The request as the handler sees it. */
		byte[] bytes();

		/**
		 * Whether the protocol itself asks to close after the reply (HTTP
		 * {@code Connection: close}).
		 */
		boolean closeAfterReply();

	}

	/** Bytes that could not form a request; the connection is answered and closed. */
	record Rejected(Problem problem) implements Frame {
	}

}
