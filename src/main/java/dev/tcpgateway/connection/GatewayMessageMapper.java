package dev.tcpgateway.connection;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Builds each inbound message in one step from headers the connection computed once.
 * Spring Integration's mapper builds a header map, copies it into a builder and copies it
 * again into the message, and asks the kernel for the socket's local address, for every
 * request; with a keep-alive client that was a third of the CPU time. Here a message
 * carries the connection id and the connection's context (see
 * {@link GatewayConnection#inboundHeaders()}), and its own {@link ReplySlot} as reply
 * channel, which the listener's inbound gateway reads the reply from.
 */
final class GatewayMessageMapper extends TcpMessageMapper {

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		if (!(connection instanceof GatewayConnection gatewayConnection) || (headers != null && !headers.isEmpty())) {
			return super.toMessage(connection, headers);
		}
		Object payload = connection.getPayload();
		return (payload != null) ? new GenericMessage<>(payload, new InboundHeaders(gatewayConnection.inboundHeaders(),
				gatewayConnection.nextMessageId(), new ReplySlot())) : null;
	}

}
