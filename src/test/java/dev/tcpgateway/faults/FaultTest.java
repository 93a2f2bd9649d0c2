package dev.tcpgateway.faults;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** What every fault test class shares: a {@link Probe} on the running server. */
abstract class FaultTest {

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	Probe probe;

	@BeforeEach
	void probe() {
		this.probe = new Probe(this.environment, this.meters);
	}

}
