package dev.tcpgateway.faults;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Family 6: a client that half-closes still gets what it asked for, and nothing more. */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class HalfCloseTests extends FaultTest {

	@Test
	void deliversTheReplyToACompleteRequestThenCloses(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			client.send("SLEEP 100\r\n").shutdownOutput();
			assertThat(client.readToEndAsString()).isEqualTo("SLEPT 100\r\n");
		}
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	@Test
	void closesWithoutAReplyAfterAPartialFrame(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			client.send("PIN").shutdownOutput();
			assertThat(client.readToEnd()).isEmpty();
		}
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	@Test
	void deliversAnHttpReplyAfterHalfClose(CapturedOutput output) {
		try (RawClient client = this.probe.connect("hello")) {
			client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").shutdownOutput();
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 200 OK").endsWith("Hello, World!\r\n");
		}
		try (RawClient client = this.probe.connect("hello")) {
			client.send("GET / HTTP/1.1\r\nHo").shutdownOutput();
			assertThat(client.readToEnd()).isEmpty();
		}
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

}
