package dev.tcpgateway.observability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-listener health shows saturation (connections, requests in flight, refusals in
 * the last minute) as it happens; readiness and liveness are served; /actuator/info lists
 * the listeners and the build.
 */
@GatewayTest
@TestPropertySource(
		properties = { "tcp.listeners.commands.max-connections=2", "tcp.listeners.commands.max-concurrent-requests=3" })
class HealthDetailsTests {

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Test
	void showsConnectionsRequestsInFlightAndRecentRefusals() throws Exception {
		JsonNode before = commandsHealth();
		assertThat(before.get("maxConcurrentRequests").asInt()).isEqualTo(3);
		long refusedBefore = before.get("refusedLastMinute").asLong();
		try (RawClient first = RawClient.connect(this.commandsPort);
				RawClient second = RawClient.connect(this.commandsPort);
				RawClient third = RawClient.connect(this.commandsPort)) {
			assertThat(third.readLine()).isEqualTo("ERR server busy");
			CompletableFuture<String> sleeping = CompletableFuture
				.supplyAsync(() -> first.send("SLEEP 800\r\n").readLine());
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				JsonNode details = commandsHealth();
				assertThat(details.get("inFlight").asInt()).isEqualTo(1);
				assertThat(details.get("connections").asInt()).isEqualTo(2);
				assertThat(details.get("refusedLastMinute").asLong()).isEqualTo(refusedBefore + 1);
			});
			assertThat(sleeping.join()).isEqualTo("SLEPT 800");
			assertThat(second.send("PING\r\n").readLine()).isEqualTo("PONG");
		}
	}

	@Test
	void servesReadinessAndLiveness() throws Exception {
		JsonNode readiness = JsonMapper.builder()
			.build()
			.readTree(Actuator.get(this.managementPort, "/actuator/health/readiness"));
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").has("tcp")).isTrue();
		assertThat(JsonMapper.builder()
			.build()
			.readTree(Actuator.get(this.managementPort, "/actuator/health/liveness"))
			.get("status")
			.asString()).isEqualTo("UP");
	}

	@Test
	void infoListsTheListenersAndTheBuild() throws Exception {
		JsonNode info = JsonMapper.builder().build().readTree(Actuator.get(this.managementPort, "/actuator/info"));
		JsonNode commands = info.get("tcpListeners").get("commands");
		assertThat(commands.get("port").asInt()).isEqualTo(this.commandsPort);
		assertThat(commands.get("framing").asString()).isEqualTo("crlf");
		assertThat(commands.get("handler").asString()).isEqualTo("commands");
		assertThat(info.get("tcpListeners").get("hello").get("framing").asString()).isEqualTo("http");
		assertThat(info.get("build").get("artifact").asString()).isEqualTo("tcp-gateway");
	}

	private JsonNode commandsHealth() throws Exception {
		return JsonMapper.builder()
			.build()
			.readTree(Actuator.get(this.managementPort, "/actuator/health"))
			.get("components")
			.get("tcp")
			.get("components")
			.get("commands")
			.get("details");
	}

}
