package dev.tcpgateway.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Family 2: a client that never reads its replies is disconnected at write-timeout. */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.big.port=0", "tcp.listeners.big.write-timeout=1s",
		"tcp.listeners.big.send-buffer-size=4KB" })
class NonReadingClientTests extends FaultTest {

	@Test
	void closesAClientThatDoesNotReadWithinWriteTimeout(CapturedOutput output) throws IOException {
		double baseline = this.probe.active("big");
		double writeTimeouts = this.probe.closed("big", "write-timeout");
		try (Socket client = new Socket()) {
			client.setReceiveBufferSize(4096);
			client.connect(new InetSocketAddress("127.0.0.1", this.probe.port("big")));
			// Pipelined requests, each asking for 256 KB, and not a single read.
			client.getOutputStream().write("x\r\n".repeat(50).getBytes());
			await().atMost(Duration.ofSeconds(5)).until(() -> this.probe.active("big") > baseline);
			this.probe.assertCommandsServed();
			await().atMost(Duration.ofSeconds(15)).until(() -> this.probe.active("big") <= baseline);
		}
		assertThat(output).contains("did not read its reply within write-timeout").doesNotContain("\tat ");
		assertThat(this.probe.closed("big", "write-timeout")).isEqualTo(writeTimeouts + 1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LargeReplies {

		@Bean
		TcpHandler big() {
			byte[] reply = "y".repeat(256 * 1024).getBytes();
			return (request) -> TcpReply.of(reply);
		}

	}

}
