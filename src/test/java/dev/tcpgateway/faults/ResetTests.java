package dev.tcpgateway.faults;

import java.time.Duration;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Family 5: a client that resets (SO_LINGER 0) mid-frame or mid-request leaves no trace
 * but a metric.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class ResetTests {

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	Probe probe;

	@BeforeEach
	void probe() {
		this.probe = new Probe(this.environment, this.meters);
	}

	@Test
	void resetMidFrameEndsTheConnectionQuietly(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		RawClient client = this.probe.connect("commands");
		client.send("ECHO half a li");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.probe.active("commands") > baseline);
		client.reset();
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	@Test
	void resetWhileTheHandlerWorksEndsTheConnectionQuietly(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		RawClient client = this.probe.connect("commands");
		client.send("SLEEP 500\r\n");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.probe.active("commands") > baseline);
		client.reset();
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		// The reply to the reset client finds no one; that is not a server error.
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	@Test
	void resetDuringAnHttpRequestEndsTheConnectionQuietly(CapturedOutput output) {
		double baseline = this.probe.active("hello");
		RawClient client = this.probe.connect("hello");
		client.send("GET / HTTP/1.1\r\nHost: x");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.probe.active("hello") > baseline);
		client.reset();
		this.probe.assertActiveReturnsTo("hello", baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

}
