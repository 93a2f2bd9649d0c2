package dev.tcpgateway.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More partial requests than tcp.memory.max-buffered holds: the connections holding the
 * most get the framing's out-of-memory reply and are closed (reason=memory), the others
 * keep their requests, a fresh client is served, and the bytes held go back to zero.
 */
@GatewayTest
@TestPropertySource(properties = "tcp.memory.max-buffered=256KB")
class MemoryBudgetTests extends FaultTest {

	/** Each holds a 64 KB buffer, of which 65,408 bytes are charged: four fit. */
	private static final int CLIENTS = 8;

	private static final int FITTING = 4;

	@Test
	void linesOverTheBudgetAreAnsweredAndClosed() throws IOException {
		List<String> replies = attack("commands", "ECHO ");
		assertThat(replies).hasSize(CLIENTS - FITTING).containsOnly("ERR server out of memory\r\n");
		this.probe.assertCommandsServed();
	}

	@Test
	void httpHeadsOverTheBudgetGet503AndAreClosed() throws IOException {
		List<String> replies = attack("hello", "GET / HTTP/1.1\r\nHost: localhost\r\nX-Filler: ");
		assertThat(replies).hasSize(CLIENTS - FITTING)
			.allSatisfy((reply) -> assertThat(reply).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
				.contains("Connection: close\r\n")
				.endsWith("\r\n\r\nserver out of memory\r\n"));
		try (RawClient fresh = this.probe.connect("hello")) {
			assertThat(fresh.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readHttpResponse())
				.startsWith("HTTP/1.1 200 OK");
		}
	}

	/**
	 * Every client sends 60 KB of a request without its end and holds; returns what the
	 * evicted ones received before the server closed them.
	 */
	private List<String> attack(String listener, String prefix) throws IOException {
		double closed = this.probe.closed(listener, "memory");
		byte[] partial = new byte[60 * 1024];
		Arrays.fill(partial, (byte) 'x');
		byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(start, 0, partial, 0, start.length);
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(this.probe.connect(listener).send(partial));
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(this.probe.closed(listener, "memory")).isEqualTo(closed + CLIENTS - FITTING);
				assertThat(bufferedBytes()).isEqualTo(FITTING * (64 * 1024 - 128.0));
			});
			List<String> replies = new ArrayList<>();
			await().atMost(Duration.ofSeconds(10)).until(() -> answered(clients) == CLIENTS - FITTING);
			for (RawClient client : clients) {
				if (client.socket().getInputStream().available() > 0) {
					replies.add(client.readToEndAsString());
				}
			}
			return replies;
		}
		finally {
			clients.forEach(RawClient::close);
			await().atMost(Duration.ofSeconds(10)).until(() -> bufferedBytes() == 0);
		}
	}

	private static long answered(List<RawClient> clients) throws IOException {
		long answered = 0;
		for (RawClient client : clients) {
			if (client.socket().getInputStream().available() > 0) {
				answered++;
			}
		}
		return answered;
	}

	private double bufferedBytes() {
		return this.meters.get("tcp.buffered.bytes").gauge().value();
	}

}
