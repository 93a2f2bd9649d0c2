package dev.tcpgateway.session;

import dev.tcpgateway.config.TcpGatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Sessions of the listeners' connections, and pushing to them: the {@link TcpConnections}
 * bean and the {@code tcpconnections} actuator endpoint.
 */
@AutoConfiguration
class SessionAutoConfiguration {

	@Bean
	SessionRegistry tcpSessionRegistry(TcpGatewayProperties properties, MeterRegistry meterRegistry) {
		return new SessionRegistry(meterRegistry, properties.push().maxQueuedBytes().toBytes());
	}

	@Bean
	TcpConnections tcpConnections(SessionRegistry sessions) {
		return new TcpConnections(sessions);
	}

	@Bean
	@ConditionalOnAvailableEndpoint
	TcpConnectionsEndpoint tcpConnectionsEndpoint(TcpConnections connections) {
		return new TcpConnectionsEndpoint(connections);
	}

}
