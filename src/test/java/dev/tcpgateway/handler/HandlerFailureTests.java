package dev.tcpgateway.handler;

import java.util.Locale;
import java.util.function.Function;

import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing handler hurts only the request that made it fail; a plain Function works as a
 * handler.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.fragile.port=0", "tcp.listeners.fragile.handler=fragile",
		"tcp.listeners.upper.port=0", "tcp.listeners.upper.handler=upper" })
class HandlerFailureTests {

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@Test
	void answersAFailureShortlyAndKeepsTheConnection(CapturedOutput output) {
		double errorsBefore = errors();
		try (RawClient client = RawClient.connect(port("fragile"));
				RawClient other = RawClient.connect(port("fragile"))) {
			client.send("boom\r\n");
			assertThat(client.readLine()).isEqualTo("ERR internal error");
			client.send("fine\r\n");
			assertThat(client.readLine()).isEqualTo("fine");
			other.send("also fine\r\n");
			assertThat(other.readLine()).isEqualTo("also fine");
		}
		assertThat(errors()).isEqualTo(errorsBefore + 1);
		assertThat(output.toString().lines().filter((line) -> line.contains("fragile: handler failed"))).hasSize(1);
	}

	@Test
	void usesAPlainFunctionAsAHandler() {
		try (RawClient client = RawClient.connect(port("upper"))) {
			client.send("shout\r\n");
			assertThat(client.readLine()).isEqualTo("SHOUT");
		}
	}

	private int port(String listener) {
		return this.environment.getRequiredProperty("local.tcp.listeners." + listener + ".port", Integer.class);
	}

	private double errors() {
		return this.meters.get(ListenerMeters.REQUESTS)
			.tag("listener", "fragile")
			.tag("outcome", "error")
			.counter()
			.count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		TcpHandler fragile() {
			return (request) -> {
				if (request.text().equals("boom")) {
					throw new IllegalStateException("the handler broke");
				}
				return TcpReply.of(request.bytes());
			};
		}

		@Bean
		Function<String, String> upper() {
			return (text) -> text.toUpperCase(Locale.ROOT);
		}

	}

}
