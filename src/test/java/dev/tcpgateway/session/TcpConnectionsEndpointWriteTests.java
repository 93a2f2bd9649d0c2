package dev.tcpgateway.session;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code access=unrestricted}, an operator pushes to a client and closes it. */
@GatewayTest
@TestPropertySource(properties = "management.endpoint.tcpconnections.access=unrestricted")
class TcpConnectionsEndpointWriteTests {

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Test
	void pushesAFrameAndClosesTheConnection() throws Exception {
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			assertThat(client.send("LOGIN operator-target\r\n").readLine()).isEqualTo("OK");
			HttpResponse<String> push = Actuator.request(this.managementPort, "POST",
					"/actuator/tcpconnections/operator-target", "{\"payload\": \"maintenance at noon\"}");
			assertThat(push.statusCode()).isEqualTo(200);
			assertThat(TcpConnectionsEndpointTests.json(push.body()).get("result").asString()).isEqualTo("queued");
			assertThat(client.readLine()).isEqualTo("maintenance at noon");
			HttpResponse<String> absent = Actuator.request(this.managementPort, "POST",
					"/actuator/tcpconnections/nobody-at-all", "{\"payload\": \"x\"}");
			assertThat(TcpConnectionsEndpointTests.json(absent.body()).get("result").asString())
				.isEqualTo("no-such-connection");
			HttpResponse<String> close = Actuator.request(this.managementPort, "DELETE",
					"/actuator/tcpconnections/operator-target", null);
			assertThat(close.statusCode()).isEqualTo(200);
			assertThat(client.timeout(Duration.ofSeconds(10)).isClosedByServer()).isTrue();
		}
	}

}
