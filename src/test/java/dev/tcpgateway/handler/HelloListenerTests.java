package dev.tcpgateway.handler;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class HelloListenerTests {

	@Value("${local.tcp.listeners.hello.port}")
	int port;

	@Test
	void answersTheTutorialRequestByteForByte() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readHttpResponse()).isEqualTo("HTTP/1.1 200 OK\r\n"
					+ "Content-Type: text/plain; charset=utf-8\r\n" + "Content-Length: 15\r\n\r\n" + "Hello, World!\r\n");
		}
	}

}
