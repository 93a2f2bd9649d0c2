package dev.tcpgateway.gateway;

import java.util.Collections;
import java.util.Map;

import org.springframework.integration.dsl.ComponentsRegistration;
import org.springframework.integration.dsl.MessagingGatewaySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * {@code Tcp.inboundGateway(factory)} for a {@link DirectReplyInboundGateway}: the flow
 * starts with the gateway and registers the connection factory as the stock spec does.
 */
final class DirectReplyGatewaySpec extends MessagingGatewaySpec<DirectReplyGatewaySpec, DirectReplyInboundGateway>
		implements ComponentsRegistration {

	private final AbstractServerConnectionFactory connectionFactory;

	DirectReplyGatewaySpec(AbstractServerConnectionFactory connectionFactory) {
		super(new DirectReplyInboundGateway());
		this.connectionFactory = connectionFactory;
		this.target.setConnectionFactory(connectionFactory);
	}

	@Override
	public Map<Object, String> getComponentsToRegister() {
		// The factory's name may still be unset: the flow names it when it registers it.
		return Collections.singletonMap(this.connectionFactory, this.connectionFactory.getComponentName());
	}

}
