package dev.tcpgateway.observability;

import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.gateway.ActiveListener;
import dev.tcpgateway.gateway.Listeners;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while one listener accepts connections, with what an operator asks first about it.
 */
final class ListenerHealthIndicator implements HealthIndicator {

	private final String name;

	private final ListenerProperties configured;

	private final Listeners listeners;

	ListenerHealthIndicator(String name, ListenerProperties configured, Listeners listeners) {
		this.name = name;
		this.configured = configured;
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		ActiveListener listener = this.listeners.get(this.name);
		Health.Builder health = (listener != null && listener.isListening()) ? Health.up() : Health.down();
		health.withDetail("port", (listener != null) ? listener.port() : this.configured.port())
			.withDetail("bindAddress", this.configured.bindAddress())
			.withDetail("framing", this.configured.framing().configName())
			.withDetail("handler", this.configured.handler())
			.withDetail("connections", (listener != null) ? listener.openConnections() : 0)
			.withDetail("maxConnections",
					(listener != null) ? listener.maxConnections() : this.configured.maxConnections())
			.withDetail("inFlight", (listener != null) ? listener.inFlight() : 0)
			.withDetail("maxConcurrentRequests", this.configured.maxConcurrentRequests())
			.withDetail("refusedLastMinute", (listener != null) ? listener.refusedInLastMinute() : 0);
		String acceptFailure = (listener != null) ? listener.acceptFailure() : null;
		if (acceptFailure != null) {
			health.withDetail("acceptFailure", acceptFailure);
		}
		String lastAcceptFailure = (listener != null) ? listener.lastAcceptFailure() : null;
		if (lastAcceptFailure != null) {
			health.withDetail("lastAcceptFailure", lastAcceptFailure);
		}
		return health.build();
	}

}
