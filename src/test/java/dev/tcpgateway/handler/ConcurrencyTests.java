package dev.tcpgateway.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tutorial's point: slow requests do not queue behind each other. */
@GatewayTest
@TestPropertySource(properties = "tcp.listeners.hello.delay=1s")
class ConcurrencyTests {

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Autowired
	MeterRegistry meters;

	@Test
	void answersAHundredOneSecondRequestsTogetherNotOneAfterAnother() throws Exception {
		int clients = 100;
		List<RawClient> connected = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			connected.add(RawClient.connect(this.helloPort));
		}
		long start = System.nanoTime();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<String>> replies = connected.stream()
				.map((client) -> CompletableFuture.supplyAsync(
						() -> client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readToEndAsString(),
						threads))
				.toList();
			for (CompletableFuture<String> reply : replies) {
				assertThat(reply.get(30, TimeUnit.SECONDS)).endsWith("Hello, World!\r\n");
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		connected.forEach(RawClient::close);
		// Serial would take 100 s; the bound is generous for a loaded 2-core machine.
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void holdsAndAnswersAThousandConnectionsAtOnce() throws Exception {
		double baseline = active();
		int count = 1000;
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				clients.add(RawClient.connect(this.commandsPort));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> active() >= baseline + count);
			CountDownLatch answered = new CountDownLatch(count);
			try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
				for (RawClient client : clients) {
					threads.submit(() -> {
						client.send("PING\r\n");
						if (client.readLine().equals("PONG")) {
							answered.countDown();
						}
					});
				}
				assertThat(answered.await(60, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			clients.forEach(RawClient::close);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> active() <= baseline);
	}

	private double active() {
		return this.meters.get(ListenerMeters.CONNECTIONS_ACTIVE).tag("listener", "commands").gauge().value();
	}

}
