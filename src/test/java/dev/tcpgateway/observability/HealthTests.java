package dev.tcpgateway.observability;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health is UP with one component per listener; the meters are on /actuator/prometheus.
 */
@GatewayTest
class HealthTests {

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Test
	void showsEveryListener() throws Exception {
		JsonNode health = JsonMapper.builder().build().readTree(Actuator.get(this.managementPort, "/actuator/health"));
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode tcp = health.get("components").get("tcp");
		assertThat(tcp.get("status").asString()).isEqualTo("UP");
		assertListener(tcp.get("components").get("hello"), this.helloPort, "http", "hello");
		assertListener(tcp.get("components").get("commands"), this.commandsPort, "crlf", "commands");
	}

	@Test
	void exposesTheMetersToPrometheus() throws Exception {
		assertThat(Actuator.get(this.managementPort, "/actuator/prometheus"))
			.contains("tcp_connections_active{listener=\"hello\"}")
			.contains("tcp_requests_total{listener=\"commands\",outcome=\"ok\"}")
			.contains("tcp_connections_refused_total{limit=\"max-connections\",listener=\"hello\"}");
	}

	private static void assertListener(JsonNode listener, int port, String framing, String handler) {
		assertThat(listener.get("status").asString()).isEqualTo("UP");
		JsonNode details = listener.get("details");
		assertThat(details.get("port").asInt()).isEqualTo(port);
		assertThat(details.get("framing").asString()).isEqualTo(framing);
		assertThat(details.get("handler").asString()).isEqualTo(handler);
		assertThat(details.get("connections").isInt()).isTrue();
		assertThat(details.get("maxConnections").asInt()).isEqualTo(10000);
	}

}
