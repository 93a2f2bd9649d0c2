package dev.tcpgateway.faults;

import java.time.Duration;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Family 5: a client that resets (SO_LINGER 0) mid-frame or mid-request leaves no trace
 * but a metric.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class ResetTests extends FaultTest {

	@Test
	void resetMidFrameEndsTheConnectionQuietly(CapturedOutput output) {
		assertResetIsQuiet("commands", "ECHO half a li", output);
	}

	@Test
	void resetWhileTheHandlerWorksEndsTheConnectionQuietly(CapturedOutput output) {
		// The reply to the reset client finds no one; that is not a server error.
		assertResetIsQuiet("commands", "SLEEP 500\r\n", output);
	}

	@Test
	void resetDuringAnHttpRequestEndsTheConnectionQuietly(CapturedOutput output) {
		assertResetIsQuiet("hello", "GET / HTTP/1.1\r\nHost: x", output);
	}

	private void assertResetIsQuiet(String listener, String sent, CapturedOutput output) {
		double baseline = this.probe.active(listener);
		RawClient client = this.probe.connect(listener);
		client.send(sent);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.probe.active(listener) > baseline);
		client.reset();
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo(listener, baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

}
