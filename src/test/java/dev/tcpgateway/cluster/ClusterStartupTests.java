package dev.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.tcpgateway.cluster.ClusterMessage.Kind;
import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.RawClient;
import dev.tcpgateway.support.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance whose Redis is down when it starts still starts and serves its clients
 * (health: {@code cluster} DOWN, readiness UP); once Redis is up it records their names
 * and subscribes to its channel, so a push published there by a plain Lettuce client
 * reaches the connection.
 */
class ClusterStartupTests {

	private static final byte[] ALICE = "tcp-gateway:name:alice".getBytes(StandardCharsets.UTF_8);

	private static final byte[] CHANNEL = "tcp-gateway:push:late".getBytes(StandardCharsets.UTF_8);

	@Test
	void startsWithoutRedisAndJoinsWhenItComes() throws Exception {
		Assumptions.assumeTrue(RedisProcess.isInstalled(),
				"redis-server is not installed: apt-get install redis-server (CI's .ci/run does)");
		int commands = ChildServer.freePort();
		int management = ChildServer.freePort();
		try (RedisProcess redis = RedisProcess.start()) {
			redis.stop();
			try (ChildServer server = ChildServer.start("--server.port=" + management, "--tcp.listeners.hello.port=0",
					"--tcp.listeners.commands.port=" + commands, "--tcp.cluster.redis.enabled=true",
					"--tcp.cluster.instance-id=late", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port()); RawClient alice = RawClient.connect(commands)) {
				alice.send("LOGIN alice\r\nPING\r\n");
				assertThat(alice.readLine()).isEqualTo("OK");
				assertThat(alice.readLine()).isEqualTo("PONG");
				assertThat(Actuator.status(management, "/actuator/health/readiness")).isEqualTo(200);
				assertThat(JsonMapper.builder()
					.build()
					.readTree(Actuator.request(management, "GET", "/actuator/health", null).body())
					.get("components")
					.get("cluster")
					.get("status")
					.asString()).isEqualTo("DOWN");

				redis.restart();
				byte[] push = new ClusterMessage(Kind.SEND, "alice", "test", "hello".getBytes(StandardCharsets.UTF_8))
					.encode();
				RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
				try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
					await().atMost(Duration.ofSeconds(20))
						.until(() -> Arrays.equals(connection.sync().get(ALICE),
								"late".getBytes(StandardCharsets.UTF_8))
								&& connection.sync().publish(CHANNEL, push) == 1);
				}
				finally {
					client.shutdown();
				}
				assertThat(alice.readLine()).isEqualTo("hello");
			}
		}
	}

}
