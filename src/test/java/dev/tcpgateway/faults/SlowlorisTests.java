package dev.tcpgateway.faults;

import java.time.Duration;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 1: a request that never finishes, or trickles in, cannot hold a connection past
 * frame-timeout.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.commands.idle-timeout=2s", "tcp.listeners.commands.frame-timeout=3s",
		"tcp.listeners.hello.frame-timeout=1s", "tcp.listeners.stall.port=0", "tcp.listeners.stall.handler=commands",
		"tcp.listeners.stall.frame-timeout=1s" })
class SlowlorisTests extends FaultTest {

	@Test
	void answersAnUnfinishedFrameAndClosesAtFrameTimeout(CapturedOutput output) {
		double baseline = this.probe.active("stall");
		double badFrames = this.probe.requests("stall", "bad-frame");
		try (RawClient client = this.probe.connect("stall")) {
			long start = System.nanoTime();
			client.send("PI");
			this.probe.assertCommandsServed();
			assertThat(client.readToEndAsString()).isEqualTo("ERR frame timeout\r\n");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(6));
		}
		assertThat(this.probe.requests("stall", "bad-frame")).isEqualTo(badFrames + 1);
		this.probe.assertActiveReturnsTo("stall", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void closesAFrameThatStallsForTheIdleTimeoutAsIdle(CapturedOutput output) {
		try (RawClient client = this.probe.connect("commands")) {
			long start = System.nanoTime();
			client.send("PI");
			// No byte for idle-timeout (2 s) inside a frame: closed as idle, before
			// frame-timeout (3 s).
			assertThat(client.readToEnd()).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900),
					Duration.ofMillis(2900));
		}
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void aByteEveryHalfIdleTimeoutStillEndsAtFrameTimeout(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			long start = System.nanoTime();
			// 1 s apart: never idle for the 2 s idle-timeout, yet the frame takes longer
			// than 3 s.
			for (int i = 0; i < 4; i++) {
				client.send("x");
				if (client.timeout(Duration.ofSeconds(1)).isClosedByServer()) {
					break;
				}
			}
			client.timeout(Duration.ofSeconds(10));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2900),
					Duration.ofSeconds(8));
		}
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void answersASlowHttpRequestWith408() {
		try (RawClient client = this.probe.connect("hello")) {
			client.send("GET / HTTP/1.1\r\nHost: x\r\n");
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 408 Request Timeout\r\n")
				.contains("Connection: close\r\n");
		}
	}

	@Test
	void closesAnIdleConnectionAtIdleTimeoutWithoutAReply(CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			long start = System.nanoTime();
			assertThat(client.readToEnd()).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900),
					Duration.ofSeconds(8));
		}
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

}
