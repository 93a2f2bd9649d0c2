package dev.tcpgateway.gateway;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.memory.ClientMemoryBudget;
import dev.tcpgateway.session.SessionRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * The listeners of {@code tcp.listeners}, in the runnable server and in any application
 * that depends on tcp-gateway: each a Spring Integration TCP inbound gateway in front of
 * its handler bean, started and drained with the application context. Bean names start
 * with {@code tcp} so they cannot clash with an application's own.
 */
@AutoConfiguration
@EnableConfigurationProperties(TcpGatewayProperties.class)
class GatewayAutoConfiguration {

	@Bean
	Listeners tcpListeners() {
		return new Listeners();
	}

	@Bean
	ListenerLifecycle tcpListenerLifecycle(TcpGatewayProperties properties, IntegrationFlowContext flowContext,
			ListableBeanFactory beans, MeterRegistry meterRegistry, Listeners listeners,
			ConfigurableEnvironment environment, ApplicationEventPublisher publisher,
			ObjectProvider<SslBundles> sslBundles, ClientMemoryBudget memory, SessionRegistry sessions) {
		return new ListenerLifecycle(properties, flowContext, beans, meterRegistry, listeners, environment, publisher,
				sslBundles, memory, sessions);
	}

}
