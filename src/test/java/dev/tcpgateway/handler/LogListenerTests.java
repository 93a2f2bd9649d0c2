package dev.tcpgateway.handler;

import java.time.Duration;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A listener with the built-in {@code log} handler: each message becomes one INFO line of
 * the logger {@code tcp.messages}, in order, and the client gets nothing back.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.devices.port=0", "tcp.listeners.devices.handler=log",
		"tcp.listeners.devices.framing=lf" })
class LogListenerTests {

	@Value("${local.tcp.listeners.devices.port}")
	int port;

	@Test
	void logsEachMessageOnALineAndAnswersNothing(CapturedOutput output) {
		try (RawClient client = RawClient.connect(this.port)) {
			String prefix = "listener=devices client=127.0.0.1:" + client.socket().getLocalPort() + " ";
			client.send("{\"id\":7,\"temp\":21.5}\n{\"id\":7,\"temp\":21.6}\n");
			client.send(new byte[] { 0x01, (byte) 0xFE, '\n' });
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						output.toString().lines().filter((line) -> line.contains(MessageLogHandler.LOGGER)).toList())
					.hasSize(3)
					.allMatch((line) -> line.contains(" INFO "))
					.satisfiesExactly(
							(line) -> assertThat(line).endsWith(prefix + "bytes=20 text={\"id\":7,\"temp\":21.5}"),
							(line) -> assertThat(line).endsWith(prefix + "bytes=20 text={\"id\":7,\"temp\":21.6}"),
							(line) -> assertThat(line).endsWith(prefix + "bytes=2 hex=01fe")));
			assertThatIllegalStateException().isThrownBy(() -> client.timeout(Duration.ofMillis(500)).readByte())
				.withMessageContaining("No data");
		}
	}

}
