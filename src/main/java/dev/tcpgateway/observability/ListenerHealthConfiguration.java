package dev.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.gateway.Listeners;
import dev.tcpgateway.memory.ClientMemoryBudget;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tcp} health component: one child per enabled listener, so
 * {@code /actuator/health} is DOWN unless every listener is listening, and a
 * {@code memory} child with the budget for client buffers (a listener named
 * {@code memory} keeps its name, and the budget then goes without).
 */
@Configuration(proxyBeanMethods = false)
class ListenerHealthConfiguration {

	@Bean
	CompositeHealthContributor tcp(TcpGatewayProperties properties, Listeners listeners, ClientMemoryBudget memory) {
		Map<String, HealthContributor> perListener = new LinkedHashMap<>();
		properties.enabledListeners()
			.forEach((name, listener) -> perListener.put(name, new ListenerHealthIndicator(name, listener, listeners)));
		perListener.putIfAbsent("memory", new ClientMemoryHealthIndicator(memory));
		return CompositeHealthContributor.fromMap(perListener);
	}

}
