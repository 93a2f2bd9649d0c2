package dev.tcpgateway.observability;

import java.time.Duration;
import java.time.Instant;

import dev.tcpgateway.handler.ServerStats;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code STATS} line, read from the same meters that {@code /actuator/metrics} shows,
 * so the two can never disagree.
 */
class MeterServerStats implements ServerStats {

	private final MeterRegistry registry;

	private final Instant started = Instant.now();

	MeterServerStats(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public String summary() {
		double connections = this.registry.find(ListenerMeters.CONNECTIONS_ACTIVE)
			.gauges()
			.stream()
			.mapToDouble((gauge) -> gauge.value())
			.sum();
		double requests = this.registry.find(ListenerMeters.REQUESTS)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		long uptime = Duration.between(this.started, Instant.now()).toSeconds();
		return "connections=" + (long) connections + " requests=" + (long) requests + " uptime=" + uptime + "s";
	}

}
