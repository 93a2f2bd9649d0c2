package dev.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.gateway.Listeners;
import dev.tcpgateway.handler.ServerStats;
import dev.tcpgateway.memory.ClientMemoryBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * What the actuator shows of the listeners: the {@code tcp} health component (one child
 * per enabled listener, so {@code /actuator/health} is DOWN unless every listener is
 * listening, and a {@code memory} child with the budget for client buffers; a listener
 * named {@code memory} keeps its name, and the budget then goes without), their
 * {@code /actuator/info} entry, and the {@code STATS} summary read from their meters.
 */
@AutoConfiguration
class ObservabilityAutoConfiguration {

	/** Named {@code tcp} in health: Spring Boot drops the HealthContributor suffix. */
	@Bean
	CompositeHealthContributor tcpHealthContributor(TcpGatewayProperties properties, Listeners listeners,
			ClientMemoryBudget memory) {
		Map<String, HealthContributor> perListener = new LinkedHashMap<>();
		properties.enabledListeners()
			.forEach((name, listener) -> perListener.put(name, new ListenerHealthIndicator(name, listener, listeners)));
		perListener.putIfAbsent("memory", new ClientMemoryHealthIndicator(memory));
		return CompositeHealthContributor.fromMap(perListener);
	}

	@Bean
	MeterBinder tcpClientMemoryMeter(ClientMemoryBudget memory) {
		return ClientMemoryMeters.of(memory);
	}

	@Bean
	ListenersInfoContributor tcpListenersInfoContributor(TcpGatewayProperties properties, Listeners listeners) {
		return new ListenersInfoContributor(properties, listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerStats tcpServerStats(MeterRegistry registry) {
		return new MeterServerStats(registry);
	}

}
