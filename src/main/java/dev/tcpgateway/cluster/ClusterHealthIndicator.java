package dev.tcpgateway.cluster;

import dev.tcpgateway.session.ClusterCount;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cluster} health component: DOWN with the reason while Redis does not answer.
 * Not part of readiness: without Redis this instance still serves its own clients and
 * pushes to them, so it stays in the balancer's rotation.
 */
final class ClusterHealthIndicator implements HealthIndicator {

	private final ClusterState state;

	private final RedisSessionDirectory directory;

	ClusterHealthIndicator(ClusterState state, RedisSessionDirectory directory) {
		this.state = state;
		this.directory = directory;
	}

	@Override
	public Health health() {
		String failure = this.state.failure();
		Health.Builder health = (failure != null) ? Health.down().withDetail("reason", failure) : Health.up();
		health.withDetail("instance", this.directory.instanceId()).withDetail("since", this.state.since().toString());
		@Nullable ClusterCount count = this.directory.count();
		if (count != null) {
			health.withDetail("instances", count.instances()).withDetail("named", count.named());
		}
		return health.build();
	}

}
