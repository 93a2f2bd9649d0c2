package dev.tcpgateway.session;

import java.time.Duration;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The endpoint as the server ships it: connections are listed, writes are refused. */
@GatewayTest
class TcpConnectionsEndpointTests {

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Autowired
	TcpConnections connections;

	@Test
	void listsOpenConnectionsPerListenerBoundedByLimit() throws Exception {
		try (RawClient named = RawClient.connect(this.commandsPort);
				RawClient other = RawClient.connect(this.commandsPort)) {
			assertThat(named.send("LOGIN endpoint-reader\r\n").readLine()).isEqualTo("OK");
			assertThat(other.send("PING\r\n").readLine()).isEqualTo("PONG");
			JsonNode all = json(Actuator.get(this.managementPort, "/actuator/tcpconnections"));
			JsonNode commands = all.get("listeners").get("commands");
			assertThat(commands.get("open").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(all.get("totals").get("connections").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(commands.get("connections").valueStream().map((c) -> c.get("name").asString("")))
				.contains("endpoint-reader");
			JsonNode limited = json(Actuator.get(this.managementPort, "/actuator/tcpconnections?limit=1"));
			assertThat(limited.get("listeners").get("commands").get("connections").size()).isEqualTo(1);
			assertThat(limited.get("listeners").get("commands").get("open").asInt()).isGreaterThanOrEqualTo(2);

			JsonNode one = json(Actuator.get(this.managementPort, "/actuator/tcpconnections/endpoint-reader"));
			assertThat(one.get("client").asString()).isEqualTo("127.0.0.1:" + named.socket().getLocalPort());
			assertThat(one.get("listener").asString()).isEqualTo("commands");
			assertThat(one.get("requests").asLong()).isEqualTo(1);
			assertThat(one.get("bytesIn").asLong()).isEqualTo("LOGIN endpoint-reader\r\n".length());
			assertThat(one.get("bytesOut").asLong()).isEqualTo("OK\r\n".length());
			String id = one.get("id").asString();
			assertThat(json(Actuator.get(this.managementPort, "/actuator/tcpconnections/" + id)).get("name").asString())
				.isEqualTo("endpoint-reader");
			assertThat(Actuator.status(this.managementPort, "/actuator/tcpconnections/nobody-at-all")).isEqualTo(404);
		}
	}

	@Test
	void refusesPushAndCloseByDefault() throws Exception {
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			assertThat(client.send("LOGIN endpoint-target\r\n").readLine()).isEqualTo("OK");
			int push = Actuator
				.request(this.managementPort, "POST", "/actuator/tcpconnections/endpoint-target",
						"{\"payload\": \"hi\"}")
				.statusCode();
			int close = Actuator
				.request(this.managementPort, "DELETE", "/actuator/tcpconnections/endpoint-target", null)
				.statusCode();
			assertThat(push).isIn(404, 405);
			assertThat(close).isIn(404, 405);
			// Nothing was pushed, nothing closed: the next line is the reply to PING.
			assertThat(client.send("PING\r\n").readLine()).isEqualTo("PONG");
			assertThat(this.connections.find("endpoint-target")).isPresent();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.find("endpoint-target").isEmpty());
	}

	static JsonNode json(String body) {
		return JsonMapper.builder().build().readTree(body);
	}

}
