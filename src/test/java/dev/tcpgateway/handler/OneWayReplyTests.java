package dev.tcpgateway.handler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link TcpReply#none()}: one-way requests write nothing, count as ok, and leave the
 * connection reading the next request at once (the gateway's own 30 s reply wait would
 * hold it); a plain Function answering null is still an error.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.sink.port=0", "tcp.listeners.sink.handler=sink",
		"tcp.listeners.sink.access-log=true", "tcp.listeners.sinkhttp.port=0", "tcp.listeners.sinkhttp.handler=sink",
		"tcp.listeners.sinkhttp.framing=http", "tcp.listeners.nothing.port=0",
		"tcp.listeners.nothing.handler=nothing" })
class OneWayReplyTests {

	private static final Duration QUIET = Duration.ofMillis(500);

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@Autowired
	List<String> seen;

	@BeforeEach
	void forgetEarlierMessages() {
		this.seen.clear();
	}

	@Test
	void writesNothingAndKeepsReadingTheConnection(CapturedOutput output) {
		double okBefore = requests("sink", "ok");
		try (RawClient client = RawClient.connect(port("sink"))) {
			client.send("one\r\n");
			client.send("two\r\nthree\r\nfour\r\n");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.seen.size() == 4);
			assertNothingArrives(client);
			// Anything written for the one-way messages would be read before this reply.
			client.timeout(Duration.ofSeconds(10)).send("ping\r\n");
			assertThat(client.readLine()).isEqualTo("pong");
		}
		assertThat(this.seen).containsExactly("one", "two", "three", "four", "ping");
		assertThat(requests("sink", "ok")).isEqualTo(okBefore + 5);
		assertThat(requests("sink", "error")).isZero();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					output.toString().lines().filter((line) -> line.contains("listener=sink ")).toList())
				.hasSize(5)
				.filteredOn((line) -> line.contains("reply-bytes=0 outcome=ok"))
				.hasSize(4));
	}

	@Test
	void handlesEveryPipelinedOneWayMessageAndWritesNothing() {
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			burst.append("m").append(i).append("\r\n");
		}
		try (RawClient client = RawClient.connect(port("sink"))) {
			client.send(burst.toString());
			await().atMost(Duration.ofSeconds(20)).until(() -> this.seen.size() == 200);
			assertNothingArrives(client);
		}
		assertThat(this.seen).first().isEqualTo("m0");
		assertThat(this.seen).last().isEqualTo("m199");
		assertThat(this.seen).doesNotHaveDuplicates();
	}

	@Test
	void closesWithoutWritingWhenTheHandlerSaysSo() {
		double closedBefore = closed("sink", "client");
		try (RawClient client = RawClient.connect(port("sink"))) {
			// The pong is held back while bye is already buffered; the close lets it out.
			client.send("one\r\nping\r\nbye\r\n");
			assertThat(client.readToEndAsString()).isEqualTo("pong\r\n");
		}
		assertThat(this.seen).containsExactly("one", "ping", "bye");
		await().atMost(Duration.ofSeconds(10)).until(() -> closed("sink", "client") == closedBefore + 1);
	}

	@Test
	void answersAnHttpClientWithAnEmptyResponse() {
		try (RawClient client = RawClient.connect(port("sinkhttp"))) {
			client.send("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nload");
			String response = client.readHttpResponse();
			assertThat(response).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("Content-Length: 0\r\n")
				.endsWith("\r\n\r\n");
		}
	}

	@Test
	void aFunctionAnsweringNullIsStillAnError(CapturedOutput output) {
		double errorsBefore = requests("nothing", "error");
		try (RawClient client = RawClient.connect(port("nothing"))) {
			client.send("anything\r\n");
			assertThat(client.readLine()).isEqualTo("ERR internal error");
		}
		assertThat(requests("nothing", "error")).isEqualTo(errorsBefore + 1);
		assertThat(output).contains("the Function<String, String> handler returned null");
	}

	/** Nothing, not even an end of stream, within a while. */
	private static void assertNothingArrives(RawClient client) {
		assertThatIllegalStateException().isThrownBy(() -> client.timeout(QUIET).readByte())
			.withMessageContaining("No data");
	}

	private int port(String listener) {
		return this.environment.getRequiredProperty("local.tcp.listeners." + listener + ".port", Integer.class);
	}

	private double requests(String listener, String outcome) {
		return count(ListenerMeters.REQUESTS, "listener", listener, "outcome", outcome);
	}

	private double closed(String listener, String reason) {
		return count(ListenerMeters.CONNECTIONS_CLOSED, "listener", listener, "reason", reason);
	}

	private double count(String meter, String... tags) {
		return this.meters.get(meter).tags(tags).meter().measure().iterator().next().getValue();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		List<String> seen() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		TcpHandler sink(List<String> seen) {
			return (request) -> {
				String text = request.text();
				seen.add(text);
				return switch (text) {
					case "ping" -> TcpReply.of("pong");
					case "bye" -> TcpReply.none().thenClose();
					default -> TcpReply.none();
				};
			};
		}

		@Bean
		Function<String, String> nothing() {
			return (text) -> null;
		}

	}

}
