package dev.tcpgateway.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The attack, scaled to a small heap: thousands of clients each send about 60 KB
 * of a request without its end and hold. Together they would hold more than the heap
 * (without the budget, the server ran out of memory and stopped answering); with it, the
 * connections holding the most are closed with an error reply, a fresh client is answered
 * within a second, health stays UP, and the bytes held go back to zero once the clients
 * leave.
 */
@Tag("slow")
class MemoryExhaustionTests {

	/**
	 * 3,500 x 60 KB is 210 MB of partial frames, more than -Xmx256m leaves after the
	 * server's own needs.
	 */
	private static final int CLIENTS = 3500;

	private static final int PARTIAL_BYTES = 60 * 1024;

	private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(1);

	private static ChildServer server;

	private static int managementPort;

	private static int helloPort;

	private static int commandsPort;

	@BeforeAll
	static void startWithASmallHeap() throws IOException {
		// The JVM raises its descriptor limit to the hard limit; the child holds as many.
		long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assumeTrue(descriptors > 2 * CLIENTS, "needs ulimit -n above " + 2 * CLIENTS);
		managementPort = ChildServer.freePort();
		helloPort = ChildServer.freePort();
		commandsPort = ChildServer.freePort();
		server = ChildServer.start(List.of("-Xmx256m"), "--server.port=" + managementPort,
				"--tcp.listeners.hello.port=" + helloPort, "--tcp.listeners.commands.port=" + commandsPort);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void linesWithoutTheirEnd() throws Exception {
		byte[] partial = filled("ECHO ", PARTIAL_BYTES);
		withAttack(commandsPort, partial, null, () -> {
			try (RawClient fresh = RawClient.connect(commandsPort)) {
				assertThat(fresh.send("PING\r\n").readLine()).isEqualTo("PONG");
			}
		}, "commands", "ERR server out of memory");
	}

	@Test
	void httpHeadsWithoutTheirEnd() throws Exception {
		byte[] partial = filled("GET / HTTP/1.1\r\nHost: localhost\r\nX-Filler: ", PARTIAL_BYTES);
		withAttack(helloPort, partial, null, MemoryExhaustionTests::helloAnswers, "hello",
				"HTTP/1.1 503 Service Unavailable");
	}

	@Test
	void httpBodiesSentSlowly() throws Exception {
		byte[] head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 65000\r\n\r\n"
			.getBytes(StandardCharsets.US_ASCII);
		byte[] half = new byte[PARTIAL_BYTES / 2];
		Arrays.fill(half, (byte) 'b');
		byte[] first = new byte[head.length + half.length];
		System.arraycopy(head, 0, first, 0, head.length);
		System.arraycopy(half, 0, first, head.length, half.length);
		withAttack(helloPort, first, half, MemoryExhaustionTests::helloAnswers, "hello",
				"HTTP/1.1 503 Service Unavailable");
	}

	/**
	 * Opens the attack, checks that a fresh client is served, that the server stays UP
	 * and closes attackers for memory with the framing's error reply, then lets the
	 * attackers go and waits for the gauge to come back to its baseline.
	 * @param later sent by every attacker once all have sent the first part (a slow
	 * body); null for none
	 */
	private static void withAttack(int port, byte[] partial, byte[] later, Runnable freshClient, String listener,
			String errorReply) throws Exception {
		long baseline = bufferedBytes();
		double closedBefore = closedForMemory(listener);
		List<RawClient> attackers = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				attackers.add(RawClient.connect(port).send(partial));
			}
			if (later != null) {
				for (RawClient attacker : attackers) {
					sendIfOpen(attacker, later);
				}
			}
			Duration whileSending = timed(freshClient);
			awaitAttackTakenIn(listener);
			for (int i = 0; i < 3; i++) {
				assertThat(timed(freshClient)).isLessThan(ANSWERED_WITHIN);
			}
			JsonNode health = health();
			assertThat(health.get("status").asString()).isEqualTo("UP");
			assertThat(closedForMemory(listener)).isGreaterThan(closedBefore);
			assertThat(replies(attackers)).contains(errorReply);
			JsonNode budget = health.get("components").get("memory").get("details");
			assertThat(budget.get("bufferedBytes").asLong()).isPositive()
				.isLessThanOrEqualTo(budget.get("maxBufferedBytes").asLong());
			System.out.printf(
					"%s: %d clients x %d bytes; a fresh client answered in %d ms while they sent; "
							+ "closed for memory %.0f; held %d of %d bytes%n",
					listener, CLIENTS, partial.length + ((later != null) ? later.length : 0), whileSending.toMillis(),
					closedForMemory(listener) - closedBefore, budget.get("bufferedBytes").asLong(),
					budget.get("maxBufferedBytes").asLong());
		}
		finally {
			attackers.forEach(RawClient::close);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> bufferedBytes() <= baseline);
		freshClient.run();
		assertThat(server.output()).doesNotContain("OutOfMemoryError");
	}

	private static Duration timed(Runnable freshClient) {
		long start = System.nanoTime();
		freshClient.run();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Until the server has read what the attackers sent: they hold, and the server holds
	 * what it kept of it. How fast a fresh client is answered while thousands of
	 * connections are still being read is a matter of CPU (two cores, shared with the
	 * build), which the test prints rather than asserts.
	 */
	private static void awaitAttackTakenIn(String listener) {
		double[] last = { -1 };
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			double received = metric("tcp.bytes.received?tag=listener:" + listener);
			boolean quiet = received == last[0];
			last[0] = received;
			return quiet;
		});
	}

	private static void helloAnswers() {
		try (RawClient fresh = RawClient.connect(helloPort)) {
			assertThat(fresh.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readHttpResponse())
				.startsWith("HTTP/1.1 200 OK");
		}
	}

	/** The first line each attacker got so far, of those the server answered. */
	private static List<String> replies(List<RawClient> attackers) throws IOException {
		List<String> replies = new ArrayList<>();
		for (RawClient attacker : attackers) {
			if (attacker.socket().getInputStream().available() > 0) {
				replies.add(attacker.readLine());
			}
		}
		return replies;
	}

	private static void sendIfOpen(RawClient attacker, byte[] bytes) {
		try {
			attacker.send(bytes);
		}
		catch (RuntimeException ex) {
			// Closed for memory already.
		}
	}

	private static byte[] filled(String prefix, int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'x');
		byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(start, 0, bytes, 0, start.length);
		return bytes;
	}

	private static long bufferedBytes() throws Exception {
		return (long) metric("tcp.buffered.bytes");
	}

	private static double closedForMemory(String listener) throws Exception {
		return metric("tcp.connections.closed?tag=listener:" + listener + "&tag=reason:memory");
	}

	private static double metric(String nameAndTags) throws Exception {
		JsonNode metric = JsonMapper.builder()
			.build()
			.readTree(Actuator.get(managementPort, "/actuator/metrics/" + nameAndTags));
		return metric.get("measurements").get(0).get("value").asDouble();
	}

	private static JsonNode health() throws Exception {
		return JsonMapper.builder()
			.build()
			.readTree(Actuator.get(managementPort, "/actuator/health"))
			.get("components")
			.get("tcp");
	}

}
