package dev.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.ChildProcesses;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.HaproxyProcess;
import dev.tcpgateway.support.RawClient;
import dev.tcpgateway.support.RedisProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (child JVMs) behind the shipped HAProxy recipe, sharing a real Redis with
 * a name TTL of 2 s. SIGKILL the instance alice is on: a push to her stops being sent at
 * once (nobody listens on that instance's channel), her name leaves the registry within
 * the TTL, and when she reconnects through HAProxy (to the surviving instance) she is
 * reachable again.
 */
@Tag("slow")
class ClusterFailoverTests {

	private static final Duration TTL = Duration.ofSeconds(2);

	@AutoClose
	private final ChildProcesses processes = new ChildProcesses();

	@Test
	void aKilledInstancesNamesExpireAndItsClientsReconnectElsewhere() throws Exception {
		Assumptions.assumeTrue(RedisProcess.isInstalled(),
				"redis-server is not installed: apt-get install redis-server (CI's .ci/run does)");
		Assumptions.assumeTrue(HaproxyProcess.isInstalled(),
				"haproxy is not installed: apt-get install haproxy (CI's .ci/run does)");
		RedisProcess redis = RedisProcess.start();
		this.processes.add(redis);
		Instance first = new Instance("gateway-1", ChildServer.freePort(), ChildServer.freePort());
		Instance second = new Instance("gateway-2", ChildServer.freePort(), ChildServer.freePort());
		Map<Instance, ChildServer> servers = new HashMap<>();
		for (Instance instance : List.of(first, second)) {
			ChildServer server = instance.start(redis.port());
			this.processes.add(server);
			servers.put(instance, server);
		}
		int frontend = ChildServer.freePort();
		Map<String, String> environment = new HashMap<>();
		environment.put("FRONTEND_ADDRESS", "127.0.0.1");
		environment.put("FRONTEND_HELLO_PORT", String.valueOf(ChildServer.freePort()));
		environment.put("FRONTEND_COMMANDS_PORT", String.valueOf(frontend));
		environment.putAll(first.haproxyEnvironment("GATEWAY_1"));
		environment.putAll(second.haproxyEnvironment("GATEWAY_2"));
		HaproxyProcess haproxy = HaproxyProcess.start(environment, frontend);
		this.processes.add(haproxy);
		// Both instances up in HAProxy's eyes before clients arrive (rise 2 x inter
		// 500ms).
		await().atMost(Duration.ofSeconds(30)).until(() -> answersPing(frontend));

		RawClient alice = login(frontend, "alice");
		Instance aliceOn = await().atMost(Duration.ofSeconds(10))
			.until(() -> first.holds("alice") ? first : (second.holds("alice") ? second : null), (on) -> on != null);
		Instance other = (aliceOn == first) ? second : first;
		// leastconn: bob goes to the instance without alice.
		RawClient bob = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
			RawClient client = login(frontend, "bob");
			if (other.holds("bob")) {
				return client;
			}
			client.close();
			return null;
		}, (client) -> client != null);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			bob.send("SEND alice hi\r\n");
			return bob.readLine().equals("SENT");
		});
		assertThat(alice.readLine()).isEqualTo("MSG bob hi");

		servers.get(aliceOn).kill();
		long killed = System.nanoTime();
		// Nobody listens on the dead instance's channel: not sent, even before the TTL.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			bob.send("SEND alice anyone?\r\n");
			return bob.readLine().equals("ERR no such client");
		});
		long noSuchClient = millisSince(killed);
		// Her name (and the instance's count) leave the registry within the TTL.
		await().atMost(TTL.plusSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			bob.send("WHO\r\n");
			return bob.readLine().equals("bob (cluster: 1 named on 1 instances)");
		});
		long expired = millisSince(killed);
		assertThat(expired).as("name expiry after SIGKILL, ms").isLessThan(TTL.toMillis() + 5000);

		// Alice reconnects through HAProxy; only the surviving instance takes her.
		RawClient back = await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> login(frontend, "alice"), (client) -> client != null);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			bob.send("SEND alice welcome back\r\n");
			return bob.readLine().equals("SENT");
		});
		assertThat(back.readLine()).isEqualTo("MSG bob welcome back");
		long reachable = millisSince(killed);
		assertThat(other.holds("alice")).isTrue();
		System.out.println("SIGKILL of alice's instance: SEND alice answered 'no such client' after " + noSuchClient
				+ " ms, her name expired after " + expired + " ms (TTL " + TTL.toMillis()
				+ " ms), reachable again through HAProxy after " + reachable + " ms");
		alice.close();
		bob.close();
		back.close();
	}

	private static boolean answersPing(int port) {
		try (RawClient client = RawClient.connect(port)) {
			client.send("PING\r\n");
			return client.readLine().equals("PONG");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static RawClient login(int port, String name) {
		RawClient client = RawClient.connect(port);
		client.send("LOGIN " + name + "\r\n");
		assertThat(client.readLine()).isEqualTo("OK");
		return client;
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private record Instance(String id, int commandsPort, int managementPort) {

		ChildServer start(int redisPort) throws IOException {
			return ChildServer.start("--server.port=" + this.managementPort, "--tcp.listeners.hello.port=0",
					"--tcp.listeners.commands.port=" + this.commandsPort,
					"--tcp.listeners.commands.bind-address=127.0.0.1", "--tcp.listeners.commands.proxy-protocol=v2",
					"--tcp.listeners.commands.trusted-proxies=127.0.0.1/32", "--tcp.cluster.redis.enabled=true",
					"--tcp.cluster.instance-id=" + this.id, "--tcp.cluster.name-ttl=" + TTL.toMillis() + "ms",
					"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
					"--spring.data.redis.timeout=2s");
		}

		/**
		 * The variables that point the shipped configuration's server line at this one.
		 */
		Map<String, String> haproxyEnvironment(String prefix) {
			return Map.of(prefix + "_HOST", "127.0.0.1", prefix + "_HELLO_PORT", String.valueOf(this.commandsPort),
					prefix + "_COMMANDS_PORT", String.valueOf(this.commandsPort), prefix + "_MANAGEMENT_PORT",
					String.valueOf(this.managementPort));
		}

		boolean holds(String name) throws IOException, InterruptedException {
			return Actuator.status(this.managementPort, "/actuator/tcpconnections/" + name) == 200;
		}

	}

}
