package dev.tcpgateway.connection;

import java.util.Map;
import java.util.UUID;

import org.springframework.messaging.MessageHeaders;

/**
 * A request's headers built in one copy: the connection's headers, computed once per
 * connection, and the request's own {@link ReplySlot} as its reply channel.
 */
final class InboundHeaders extends MessageHeaders {

	/** The reply channel's place in a connection's headers until a request takes it. */
	static final Object NO_REPLY_YET = new Object();

	InboundHeaders(Map<String, Object> connectionHeaders, UUID id, ReplySlot replySlot) {
		super(connectionHeaders, id, null);
		getRawHeaders().put(REPLY_CHANNEL, replySlot);
	}

}
