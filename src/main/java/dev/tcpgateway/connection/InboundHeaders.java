package dev.tcpgateway.connection;

import java.util.Map;

import org.springframework.messaging.MessageHeaders;

/**
 * A request's headers built in one copy: the connection's headers, computed once per
 * connection, and the request's own {@link ReplySlot} as its reply channel.
 */
final class InboundHeaders extends MessageHeaders {

	InboundHeaders(Map<String, Object> connectionHeaders, ReplySlot replySlot) {
		super(connectionHeaders, null, null);
		getRawHeaders().put(REPLY_CHANNEL, replySlot);
	}

}
