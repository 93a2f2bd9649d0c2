package dev.tcpgateway.faults;

import java.time.Duration;

import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every fault test checks around its fault: ports, meters, and that others are still
 * served.
 */
final class Probe {

	private final Environment environment;

	private final MeterRegistry meters;

	Probe(Environment environment, MeterRegistry meters) {
		this.environment = environment;
		this.meters = meters;
	}

	int port(String listener) {
		return this.environment.getRequiredProperty("local.tcp.listeners." + listener + ".port", Integer.class);
	}

	RawClient connect(String listener) {
		return RawClient.connect(port(listener));
	}

	double active(String listener) {
		return this.meters.get(ListenerMeters.CONNECTIONS_ACTIVE).tag("listener", listener).gauge().value();
	}

	double requests(String listener, String outcome) {
		return this.meters.get(ListenerMeters.REQUESTS)
			.tag("listener", listener)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	double closed(String listener, String reason) {
		return this.meters.get(ListenerMeters.CONNECTIONS_CLOSED)
			.tag("listener", listener)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	double refused(String listener, String limit) {
		return this.meters.get(ListenerMeters.CONNECTIONS_REFUSED)
			.tag("listener", listener)
			.tag("limit", limit)
			.functionCounter()
			.count();
	}

	/** A normal client of the built-in commands listener gets its answer. */
	void assertCommandsServed() {
		try (RawClient other = connect("commands")) {
			other.send("PING\r\n");
			assertThat(other.readLine()).isEqualTo("PONG");
		}
	}

	/**
	 * The listener's open-connection gauge comes back to where it was before the fault.
	 */
	void assertActiveReturnsTo(String listener, double baseline) {
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(active(listener)).isLessThanOrEqualTo(baseline));
	}

}
