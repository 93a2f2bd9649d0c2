package dev.tcpgateway.gateway;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context stopped (which drains and turns readiness to refusing traffic) and started
 * again, as Spring's test framework does with a paused cached context, serves and is
 * ready again.
 */
class ListenerRestartTests {

	@Test
	void isReadyAgainAfterAStopAndAStart() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0")) {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			context.stop();
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			context.start();
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			try (RawClient client = RawClient.connect(context.getBean(Listeners.class).port("commands"))) {
				assertThat(client.send("PING\r\n").readLine()).isEqualTo("PONG");
			}
		}
	}

}
