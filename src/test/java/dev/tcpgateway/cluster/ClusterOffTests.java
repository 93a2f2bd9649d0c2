package dev.tcpgateway.cluster;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster is off by default: the server starts with no Redis anywhere, health is UP
 * with neither a {@code cluster} nor a {@code redis} component, and pushes stay local.
 */
@GatewayTest
class ClusterOffTests {

	@LocalServerPort
	int managementPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Autowired
	ApplicationContext context;

	@Test
	void startsAndIsUpWithoutRedis() throws Exception {
		JsonNode health = JsonMapper.builder().build().readTree(Actuator.get(this.managementPort, "/actuator/health"));
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").has("cluster")).isFalse();
		assertThat(health.get("components").has("redis")).isFalse();
		assertThat(this.context.getBeansOfType(RedisSessionDirectory.class)).isEmpty();
	}

	@Test
	void createsNoRedisClientAtAll() {
		// The server carries Spring Data Redis for the cluster only
		// (server-without-cluster.properties): a Lettuce client would cost startup time.
		assertThat(this.context.getBeansOfType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBeansOfType(RedisTemplate.class)).isEmpty();
	}

	@Test
	void pushesLocallyAndWhoShowsNoClusterCount() {
		try (RawClient alice = RawClient.connect(this.commandsPort);
				RawClient bob = RawClient.connect(this.commandsPort)) {
			alice.send("LOGIN alice-off\r\n");
			assertThat(alice.readLine()).isEqualTo("OK");
			bob.send("SEND alice-off hi\r\n");
			assertThat(bob.readLine()).isEqualTo("SENT");
			assertThat(alice.readLine()).startsWith("MSG ").endsWith(" hi");
			bob.send("SEND nobody-here hi\r\n");
			assertThat(bob.readLine()).isEqualTo("ERR no such client");
			bob.send("WHO\r\n");
			assertThat(bob.readLine()).doesNotContain("cluster");
		}
	}

}
