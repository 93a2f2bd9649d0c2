package dev.tcpgateway.observability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpgateway.session.PushResult;
import dev.tcpgateway.session.TcpConnections;
import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real traffic moves each meter as it should: bytes, the request timer and its histogram,
 * in-flight requests, queue wait, oversized frames, and closes by reason; and the access
 * log writes one parseable line per request.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.commands.idle-timeout=1s", "tcp.listeners.commands.frame-timeout=1s",
		"tcp.listeners.commands.max-frame-size=64B", "tcp.listeners.commands.max-concurrent-requests=4",
		"tcp.listeners.commands.access-log=true", "tcp.commands.max-sleep=5s" })
class ListenerMetricsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	MeterRegistry meters;

	@Autowired
	TcpConnections connections;

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Test
	void countsBytesBothWaysAndTimesTheHandler() throws Exception {
		double received = count(ListenerMeters.BYTES_RECEIVED);
		double sent = count(ListenerMeters.BYTES_SENT);
		long timed = timer(ListenerMeters.REQUEST_DURATION).count();
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			client.send("PING\r\n");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count(ListenerMeters.BYTES_RECEIVED)).isEqualTo(received + "PING\r\n".length());
			assertThat(count(ListenerMeters.BYTES_SENT)).isEqualTo(sent + "PONG\r\n".length());
		});
		assertThat(timer(ListenerMeters.REQUEST_DURATION).count()).isEqualTo(timed + 1);
		assertThat(Actuator.get(this.managementPort, "/actuator/prometheus"))
			.contains("tcp_request_duration_seconds_bucket{listener=\"commands\",le=")
			.contains("tcp_bytes_received_bytes_total{listener=\"commands\"}");
	}

	/**
	 * A listener times each request once, as {@code tcp.request.duration}; Spring
	 * Integration's own per-component timers stay off for its flow (README, "Metrics").
	 */
	@Test
	void leavesSpringIntegrationsPerComponentTimersOff() {
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			client.send("PING\r\n");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
		assertThat(this.meters.find("spring.integration.send").meters())
			.extracting((meter) -> meter.getId().getTag("name"))
			.noneMatch((name) -> name != null && name.startsWith("tcp-listener-"));
	}

	@Test
	void showsRequestsInFlightAndTheirQueueWait() {
		long waited = timer(ListenerMeters.REQUEST_QUEUE_WAIT).count();
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			CompletableFuture<String> reply = CompletableFuture
				.supplyAsync(() -> client.send("SLEEP 700\r\n").readLine());
			await().atMost(WAIT).until(() -> inFlight() == 1);
			assertThat(reply.join()).isEqualTo("SLEPT 700");
		}
		await().atMost(WAIT).until(() -> inFlight() == 0);
		assertThat(timer(ListenerMeters.REQUEST_QUEUE_WAIT).count()).isEqualTo(waited + 1);
		assertThat(timer(ListenerMeters.REQUEST_DURATION).max(java.util.concurrent.TimeUnit.MILLISECONDS))
			.isGreaterThanOrEqualTo(700);
	}

	@Test
	void countsEachCloseUnderItsReason() {
		double client = closed("commands", "client");
		double idle = closed("commands", "idle-timeout");
		double frame = closed("commands", "frame-timeout");
		double limit = closed("commands", "limit");
		double tooLarge = count(ListenerMeters.FRAMES_TOO_LARGE);
		double error = closed("hello", "error");
		try (RawClient quitting = RawClient.connect(this.commandsPort);
				RawClient idleClient = RawClient.connect(this.commandsPort);
				RawClient slow = RawClient.connect(this.commandsPort);
				RawClient oversized = RawClient.connect(this.commandsPort);
				RawClient malformed = RawClient.connect(this.helloPort)) {
			assertThat(quitting.send("QUIT\r\n").readLine()).isEqualTo("BYE");
			slow.send("PIN");
			oversized.send("ECHO " + "x".repeat(100) + "\r\n");
			malformed.send("NOT HTTP AT ALL\r\n\r\n");
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(closed("commands", "client")).isEqualTo(client + 1);
				assertThat(closed("commands", "idle-timeout")).isEqualTo(idle + 1);
				assertThat(closed("commands", "frame-timeout")).isEqualTo(frame + 1);
				assertThat(closed("commands", "limit")).isEqualTo(limit + 1);
				assertThat(closed("hello", "error")).isEqualTo(error + 1);
			});
			assertThat(count(ListenerMeters.FRAMES_TOO_LARGE)).isEqualTo(tooLarge + 1);
			assertThat(idleClient.isClosedByServer()).isTrue();
		}
	}

	@Test
	void writesOneParseableAccessLogLinePerRequest(CapturedOutput output) {
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			client.send("PING\r\nFROB\r\n");
			assertThat(client.readLine()).isEqualTo("PONG");
			assertThat(client.readLine()).startsWith("ERR unknown command");
			String local = "127.0.0.1:" + client.socket().getLocalPort();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains(local)))
					.hasSize(2)
					.allMatch((line) -> line.matches(".* tcp\\.access +: time=\\S+Z listener=commands client="
							+ local.replace(".", "\\.")
							+ " connection=\\S+ request-bytes=4 reply-bytes=\\d+ outcome=ok latency-ms=\\d+\\.\\d{3}"))
					.anyMatch((line) -> line.contains(" reply-bytes=4 ")));
		}
	}

	@Test
	void countsPushesAndMarksThemInTheAccessLog(CapturedOutput output) {
		double delivered = this.meters.get("tcp.pushes")
			.tag("listener", "commands")
			.tag("outcome", "delivered")
			.counter()
			.count();
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			assertThat(client.send("LOGIN metrics-push\r\n").readLine()).isEqualTo("OK");
			assertThat(this.connections.send("metrics-push", "hello")).isEqualTo(PushResult.QUEUED);
			assertThat(client.readLine()).isEqualTo("hello");
			String local = "127.0.0.1:" + client.socket().getLocalPort();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains(" push-bytes=")))
					.anyMatch((line) -> line
						.matches(".* tcp\\.access +: time=\\S+Z listener=commands client=" + local.replace(".", "\\.")
								+ " connection=\\S+ push-bytes=5 outcome=delivered latency-ms=\\d+\\.\\d{3}")));
			assertThat(this.meters.get("tcp.pushes")
				.tag("listener", "commands")
				.tag("outcome", "delivered")
				.counter()
				.count()).isEqualTo(delivered + 1);
		}
	}

	private double count(String name) {
		return this.meters.get(name).tag("listener", "commands").meter().measure().iterator().next().getValue();
	}

	private double closed(String listener, String reason) {
		return this.meters.get(ListenerMeters.CONNECTIONS_CLOSED)
			.tag("listener", listener)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private Timer timer(String name) {
		return this.meters.get(name).tag("listener", "commands").timer();
	}

	private double inFlight() {
		return this.meters.get(ListenerMeters.REQUESTS_IN_FLIGHT).tag("listener", "commands").gauge().value();
	}

}
