package dev.tcpgateway.gateway;

import dev.tcpgateway.connection.ReplySlot;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The listener's TCP inbound gateway, sending each request to its flow and taking the
 * reply from the request's own {@link ReplySlot}. The stock exchange goes through the
 * messaging template, which copies the request's headers twice to add a temporary reply
 * channel (a latch and a logger per request) and the reply's headers twice to take it out
 * again: over a fifth of the CPU time of a keep-alive request. Everything else is Spring
 * Integration's: the request channel and its interceptors, the flow, the reply written by
 * {@link TcpInboundGateway}. A gateway that is observed or timed through Spring
 * Integration's metrics, or a message without a slot, takes the stock path.
 */
class DirectReplyInboundGateway extends TcpInboundGateway {

	private volatile boolean timed;

	@Override
	protected @Nullable Message<?> sendAndReceiveMessage(Object request) {
		MessageChannel requestChannel = getRequestChannel();
		if (this.timed || isObserved() || requestChannel == null || !(request instanceof Message<?> message)
				|| !(message.getHeaders().getReplyChannel() instanceof ReplySlot slot)) {
			return super.sendAndReceiveMessage(request);
		}
		requestChannel.send(message);
		return slot.reply();
	}

	@Override
	@SuppressWarnings("NullAway") // Spring Integration's configurer passes null when no
									// meter registry applies
	public void registerMetricsCaptor(@Nullable MetricsCaptor metricsCaptor) {
		super.registerMetricsCaptor(metricsCaptor);
		this.timed = metricsCaptor != null;
	}

}
