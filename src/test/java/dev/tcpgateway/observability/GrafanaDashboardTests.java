package dev.tcpgateway.observability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Grafana dashboard only queries metrics the running server exports, and
 * covers what an operator looks at first.
 */
@GatewayTest
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("ops", "grafana", "tcp-gateway.json");

	private static final Pattern METRIC = Pattern.compile("\\btcp_[a-z_]+\\b");

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Test
	void queriesOnlyMetricsTheServerExports() throws Exception {
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			assertThat(client.send("PING\r\n").readLine()).isEqualTo("PONG");
		}
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		Set<String> queried = new LinkedHashSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				Matcher metric = METRIC.matcher(target.get("expr").asString());
				while (metric.find()) {
					queried.add(metric.group());
				}
			}
		}
		assertThat(queried).contains("tcp_connections_active", "tcp_requests_total",
				"tcp_request_duration_seconds_bucket", "tcp_connections_refused_total");
		Set<String> exported = new LinkedHashSet<>();
		Actuator.get(this.managementPort, "/actuator/prometheus")
			.lines()
			.filter((line) -> line.startsWith("tcp_"))
			.forEach((line) -> exported.add(line.split("[{ ]", 2)[0]));
		assertThat(exported).containsAll(queried);
	}

}
