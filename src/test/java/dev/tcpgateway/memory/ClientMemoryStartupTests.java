package dev.tcpgateway.memory;

import java.util.List;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.Actuator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup warns once, with both numbers, when the listeners' limits allow more than the
 * budget; the budget shows in the tcp health component and as a gauge.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientMemoryStartupTests {

	/** hello and commands: 2 x 10,000 connections x 64 KB. */
	private static final long BUILT_IN_WORST_CASE = 2L * 10_000 * 64 * 1024;

	@Test
	void warnsOnceWhenTheListenersMayHoldMoreThanTheBudget(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start("1MB")) {
			List<String> warnings = output.toString().lines().filter((line) -> line.matches(".*\\sWARN\\s.*")).toList();
			assertThat(warnings).singleElement()
				.asString()
				.contains(BUILT_IN_WORST_CASE + " bytes")
				.contains("1048576 bytes of tcp.memory.max-buffered");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			JsonNode memory = JsonMapper.builder()
				.build()
				.readTree(Actuator.get(port, "/actuator/health"))
				.get("components")
				.get("tcp")
				.get("components")
				.get("memory");
			assertThat(memory.get("status").asString()).isEqualTo("UP");
			assertThat(memory.get("details").get("maxBufferedBytes").asLong()).isEqualTo(1024 * 1024);
			assertThat(memory.get("details").get("bufferedBytes").asLong()).isZero();
			JsonNode gauge = JsonMapper.builder()
				.build()
				.readTree(Actuator.get(port, "/actuator/metrics/tcp.buffered.bytes"));
			assertThat(gauge.get("measurements").get(0).get("value").asDouble()).isZero();
		}
	}

	@Test
	void staysQuietWhenTheBudgetCoversTheLimits(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(BUILT_IN_WORST_CASE + "B")) {
			assertThat(output.toString().lines()).noneMatch((line) -> line.matches(".*\\sWARN\\s.*"));
		}
	}

	private static ConfigurableApplicationContext start(String maxBuffered) {
		return SpringApplication.run(TcpGatewayApplication.class, "--tcp.listeners.hello.port=0",
				"--tcp.listeners.commands.port=0", "--server.port=0", "--tcp.memory.max-buffered=" + maxBuffered);
	}

}
