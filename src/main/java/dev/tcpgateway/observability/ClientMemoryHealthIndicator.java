package dev.tcpgateway.observability;

import dev.tcpgateway.memory.ClientMemoryBudget;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The budget for client buffers and how much of it is used. Always UP: running out closes
 * the connections holding the most and the server goes on serving, so it is no reason to
 * take the instance out of rotation.
 */
final class ClientMemoryHealthIndicator implements HealthIndicator {

	private final ClientMemoryBudget budget;

	ClientMemoryHealthIndicator(ClientMemoryBudget budget) {
		this.budget = budget;
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("bufferedBytes", this.budget.held())
			.withDetail("maxBufferedBytes", this.budget.max())
			.build();
	}

}
