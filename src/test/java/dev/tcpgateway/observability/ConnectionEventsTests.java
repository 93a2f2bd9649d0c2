package dev.tcpgateway.observability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Integration's own connection events reach an application's
 * {@code @EventListener}, as the README's example shows.
 */
@GatewayTest
class ConnectionEventsTests {

	@Autowired
	Events events;

	@Value("${local.tcp.listeners.commands.port}")
	int port;

	@Test
	void publishesOpenAndCloseForEachConnection() {
		String connectionId;
		try (RawClient client = RawClient.connect(this.port)) {
			assertThat(client.send("CLIENT\r\nQUIT\r\n").readLine())
				.isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
			String local = ":" + client.socket().getLocalPort() + ":";
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.events.received.stream()
					.anyMatch((event) -> event instanceof TcpConnectionCloseEvent
							&& event.getConnectionId().contains(local)));
			connectionId = this.events.received.stream()
				.filter((event) -> event instanceof TcpConnectionOpenEvent && event.getConnectionId().contains(local))
				.findFirst()
				.orElseThrow()
				.getConnectionId();
		}
		assertThat(connectionId).startsWith("127.0.0.1:");
		assertThat(this.events.received.stream().filter((event) -> event.getConnectionId().equals(connectionId)))
			.hasSize(2)
			.first()
			.isInstanceOf(TcpConnectionOpenEvent.class);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listening {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<TcpConnectionEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(TcpConnectionOpenEvent event) {
			this.received.add(event);
		}

		@EventListener
		void on(TcpConnectionCloseEvent event) {
			this.received.add(event);
		}

	}

}
