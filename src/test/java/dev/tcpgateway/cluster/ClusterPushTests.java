package dev.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.tcpgateway.session.BroadcastResult;
import dev.tcpgateway.session.TcpConnections;
import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import dev.tcpgateway.support.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances and a real Redis: this test's server (instance {@code one}, whose
 * {@link TcpConnections} bean the test calls) and a child JVM (instance {@code two}). A
 * client on one instance is reachable from the other through {@code SEND}, the actuator's
 * POST and a broadcast; a name taken on the other instance closes the connection that had
 * it; with Redis gone, local pushes go on, a remote push fails at once and health shows
 * {@code cluster} DOWN while readiness stays UP; Redis back (empty), the registry is
 * rebuilt from the open connections.
 */
@GatewayTest
@TestPropertySource(properties = "management.endpoint.tcpconnections.access=unrestricted")
class ClusterPushTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static RedisProcess redis;

	private static ChildServer two;

	private static int twoCommands;

	private static int twoManagement;

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Autowired
	TcpConnections connections;

	/** Read when the context starts, after {@link #startRedisAndInstanceTwo()}. */
	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("tcp.cluster.redis.enabled", () -> "true");
		registry.add("tcp.cluster.instance-id", () -> "one");
		registry.add("tcp.cluster.name-ttl", () -> "2s");
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> redis.port());
		registry.add("spring.data.redis.timeout", () -> "2s");
	}

	static List<String> clusterArguments(String instance) {
		return List.of("--tcp.cluster.redis.enabled=true", "--tcp.cluster.instance-id=" + instance,
				"--tcp.cluster.name-ttl=2s", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port(), "--spring.data.redis.timeout=2s",
				"--management.endpoint.tcpconnections.access=unrestricted");
	}

	@BeforeAll
	static void startRedisAndInstanceTwo() throws IOException {
		Assumptions.assumeTrue(RedisProcess.isInstalled(),
				"redis-server is not installed: apt-get install redis-server (CI's .ci/run does)");
		redis = RedisProcess.start();
		twoCommands = ChildServer.freePort();
		twoManagement = ChildServer.freePort();
		List<String> arguments = new java.util.ArrayList<>(clusterArguments("two"));
		arguments.addAll(List.of("--server.port=" + twoManagement, "--tcp.listeners.hello.port=0",
				"--tcp.listeners.commands.port=" + twoCommands));
		two = ChildServer.start(arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stopEverything() {
		if (two != null) {
			two.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void reachesAClientOnTheOtherInstance() throws Exception {
		try (RawClient alice = login(this.commandsPort, "alice"); RawClient bob = login(twoCommands, "bob")) {
			// Names are recorded in Redis on a thread of their own, just after LOGIN.
			awaitSent(bob, "SEND alice hi");
			assertThat(alice.readLine()).isEqualTo("MSG bob hi");
			awaitSent(alice, "SEND bob hello");
			assertThat(bob.readLine()).isEqualTo("MSG alice hello");

			JsonNode pushed = json.readTree(Actuator
				.request(twoManagement, "POST", "/actuator/tcpconnections/alice", "{\"payload\":\"from ops\"}")
				.body());
			assertThat(pushed.get("result").asString()).isEqualTo("queued");
			assertThat(alice.readLine()).isEqualTo("from ops");

			bob.send("SEND nobody hi\r\n");
			assertThat(bob.readLine()).isEqualTo("ERR no such client");

			BroadcastResult here = this.connections.broadcast("commands", "to everyone");
			assertThat(here.queued()).isEqualTo(1);
			assertThat(alice.readLine()).isEqualTo("to everyone");
			assertThat(bob.readLine()).isEqualTo("to everyone");

			// WHO: this instance's names, and the count over both.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				bob.send("WHO\r\n");
				assertThat(bob.readLine()).isEqualTo("bob (cluster: 2 named on 2 instances)");
			});
			JsonNode listing = json.readTree(Actuator.get(twoManagement, "/actuator/tcpconnections"));
			assertThat(listing.get("totals").get("named").asInt()).isEqualTo(1);
			assertThat(listing.get("cluster").get("named").asInt()).isEqualTo(2);

			// Metrics: pushes handed over by outcome, the registry's size, Redis round
			// trips.
			assertThat(meter(twoManagement, "tcp.cluster.pushes?tag=outcome:forwarded")).isGreaterThanOrEqualTo(1);
			assertThat(meter(twoManagement, "tcp.cluster.pushes?tag=outcome:no-such-connection"))
				.isGreaterThanOrEqualTo(1);
			// Counted by the heartbeat, every third of the TTL.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(meter(this.managementPort, "tcp.cluster.names")).isEqualTo(2));
			assertThat(meter(this.managementPort, "tcp.cluster.redis.round-trip")).isPositive();
		}
	}

	@Test
	void aNameTakenOnTheOtherInstanceClosesTheConnectionHere() throws Exception {
		try (RawClient first = login(this.commandsPort, "carol"); RawClient dave = login(twoCommands, "dave")) {
			awaitSent(dave, "SEND carol before");
			assertThat(first.readLine()).isEqualTo("MSG dave before");
			try (RawClient second = login(twoCommands, "carol")) {
				await().atMost(Duration.ofSeconds(10)).until(first::isClosedByServer);
				awaitSent(dave, "SEND carol after");
				assertThat(second.readLine()).isEqualTo("MSG dave after");
				// The replaced connection's close did not release the name it no longer
				// holds.
				dave.send("SEND carol still\r\n");
				assertThat(dave.readLine()).isEqualTo("SENT");
				assertThat(second.readLine()).isEqualTo("MSG dave still");
			}
		}
		JsonNode metrics = json.readTree(Actuator.get(this.managementPort,
				"/actuator/metrics/tcp.connections.closed?tag=listener:commands&tag=reason:replaced"));
		assertThat(metrics.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void withRedisGoneServesLocallyAndRebuildsTheRegistryWhenItReturns() throws Exception {
		try (RawClient erin = login(this.commandsPort, "erin");
				RawClient frank = login(twoCommands, "frank");
				RawClient grace = login(twoCommands, "grace")) {
			awaitSent(erin, "SEND frank ready");
			assertThat(frank.readLine()).isEqualTo("MSG erin ready");

			redis.stop();
			long stopped = System.nanoTime();
			// A remote push fails at once with its own outcome; a local one still goes.
			erin.send("SEND frank lost\r\n");
			assertThat(erin.readLine()).isEqualTo("ERR cluster unavailable; message not sent");
			grace.send("SEND frank local\r\n");
			assertThat(grace.readLine()).isEqualTo("SENT");
			assertThat(frank.readLine()).isEqualTo("MSG grace local");
			erin.send("PING\r\n");
			assertThat(erin.readLine()).isEqualTo("PONG");

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode health = json
					.readTree(Actuator.request(this.managementPort, "GET", "/actuator/health", null).body());
				assertThat(health.get("components").get("cluster").get("status").asString()).isEqualTo("DOWN");
				assertThat(health.get("components").get("cluster").get("details").get("reason").asString())
					.isNotBlank();
			});
			System.out.println("cluster DOWN in health " + millisSince(stopped) + " ms after Redis stopped");
			assertThat(Actuator.status(this.managementPort, "/actuator/health/readiness")).isEqualTo(200);
			JsonNode unavailable = json.readTree(
					Actuator.get(this.managementPort, "/actuator/metrics/tcp.cluster.pushes?tag=outcome:unavailable"));
			assertThat(unavailable.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);

			// Back, empty: the heartbeats put every open connection's name back.
			redis.restart();
			long restarted = System.nanoTime();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				JsonNode health = json.readTree(Actuator.get(this.managementPort, "/actuator/health"));
				assertThat(health.get("components").get("cluster").get("status").asString()).isEqualTo("UP");
			});
			awaitSent(erin, "SEND frank again");
			assertThat(frank.readLine()).isEqualTo("MSG erin again");
			awaitSent(frank, "SEND erin back");
			assertThat(erin.readLine()).isEqualTo("MSG frank back");
			System.out
				.println("cross-instance push through again " + millisSince(restarted) + " ms after Redis restarted");
		}
	}

	/** The first measurement of a meter (a timer's count). */
	private static double meter(int port, String meterAndTags) throws Exception {
		return json.readTree(Actuator.get(port, "/actuator/metrics/" + meterAndTags))
			.get("measurements")
			.get(0)
			.get("value")
			.asDouble();
	}

	private static RawClient login(int port, String name) {
		RawClient client = RawClient.connect(port);
		client.send("LOGIN " + name + "\r\n");
		assertThat(client.readLine()).isEqualTo("OK");
		return client;
	}

	/** Sends until the other instance is found: names reach Redis just after LOGIN. */
	private static void awaitSent(RawClient client, String command) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			client.send(command + "\r\n");
			return client.readLine().equals("SENT");
		});
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
