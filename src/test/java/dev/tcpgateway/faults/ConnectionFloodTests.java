package dev.tcpgateway.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 7: more connections than allowed, in all and from one client; recovery when
 * slots free.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.capped.port=0", "tcp.listeners.capped.handler=commands",
		"tcp.listeners.capped.max-connections=50", "tcp.listeners.perclient.port=0",
		"tcp.listeners.perclient.handler=commands", "tcp.listeners.perclient.max-connections-per-client=3",
		"tcp.listeners.hello.max-connections=2" })
class ConnectionFloodTests extends FaultTest {

	@Test
	void refusesConnectionsOverTheLimitAndRecovers(CapturedOutput output) {
		double baseline = this.probe.active("capped");
		double refused = this.probe.refused("capped", "max-connections");
		List<RawClient> admitted = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				admitted.add(ping(this.probe.connect("capped")));
			}
			for (int i = 0; i < 50; i++) {
				try (RawClient extra = this.probe.connect("capped")) {
					assertThat(extra.readToEndAsString()).isEqualTo("ERR server busy\r\n");
				}
			}
			assertThat(this.probe.refused("capped", "max-connections")).isEqualTo(refused + 50);
			admitted.forEach(this::ping);
			this.probe.assertCommandsServed();
			for (int i = 0; i < 10; i++) {
				admitted.remove(0).close();
			}
			this.probe.assertActiveReturnsTo("capped", baseline + 40);
			for (int i = 0; i < 10; i++) {
				admitted.add(ping(this.probe.connect("capped")));
			}
		}
		finally {
			admitted.forEach(RawClient::close);
		}
		this.probe.assertActiveReturnsTo("capped", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void refusesTheFourthConnectionFromOneClientOnly() throws IOException {
		double refused = this.probe.refused("perclient", "max-connections-per-client");
		List<RawClient> fromOne = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				fromOne.add(ping(this.probe.connect("perclient")));
			}
			try (RawClient fourth = this.probe.connect("perclient")) {
				assertThat(fourth.readToEndAsString()).isEqualTo("ERR server busy\r\n");
			}
			assertThat(this.probe.refused("perclient", "max-connections-per-client")).isEqualTo(refused + 1);
			try (Socket other = new Socket()) {
				// Another client address on loopback is not affected by the first one's
				// limit.
				other.bind(new InetSocketAddress("127.0.0.2", 0));
				other.connect(new InetSocketAddress("127.0.0.1", this.probe.port("perclient")));
				other.setSoTimeout(10_000);
				other.getOutputStream().write("PING\r\n".getBytes());
				assertThat(new String(other.getInputStream().readNBytes(6))).isEqualTo("PONG\r\n");
			}
		}
		finally {
			fromOne.forEach(RawClient::close);
		}
	}

	@Test
	void refusesOverTheLimitWith503OnHttp() {
		try (RawClient first = this.probe.connect("hello"); RawClient second = this.probe.connect("hello")) {
			first.send("GET / HTTP/1.1\r\n\r\n");
			assertThat(first.readHttpResponse()).startsWith("HTTP/1.1 200 OK");
			second.send("GET / HTTP/1.1\r\n\r\n");
			assertThat(second.readHttpResponse()).startsWith("HTTP/1.1 200 OK");
			try (RawClient third = this.probe.connect("hello")) {
				assertThat(third.readToEndAsString()).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
					.contains("Connection: close\r\n")
					.endsWith("server busy\r\n");
			}
		}
	}

	private RawClient ping(RawClient client) {
		try {
			client.send("PING\r\n");
			assertThat(client.readLine()).isEqualTo("PONG");
			return client;
		}
		catch (UncheckedIOException ex) {
			throw new AssertionError("an admitted connection failed", ex);
		}
	}

}
