package dev.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.RedisProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code push-bench --cluster} against a real Redis: two instances in JVMs of their own,
 * a few hundred pushes within one and across the two, every one of them arriving in
 * order; without Redis, one line saying so.
 */
class ClusterPushBenchmarkTests {

	@Test
	void measuresPushesAcrossInstancesNextToLocalOnes() throws Exception {
		assumeTrue(RedisProcess.isInstalled(), "redis-server is not installed: apt-get install redis-server");
		try (RedisProcess redis = RedisProcess.start()) {
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			int status = ClusterPushBenchmark.run(
					new String[] { "--cluster", "--redis-port", String.valueOf(redis.port()), "--pushes", "300" },
					new PrintStream(output, true, StandardCharsets.UTF_8));
			String report = output.toString(StandardCharsets.UTF_8);
			assertThat(status).as(report).isZero();
			for (String round : new String[] { "local", "cross-instance" }) {
				assertThat(report).as(report)
					.containsPattern("push=" + round
							+ " pushes=300 sent=300 arrived=300 in-order=true pushes-per-second=\\d+ p50-ms=[\\d.]+ p99-ms=[\\d.]+");
			}
		}
	}

	@Test
	void saysInOneLineThatNoRedisAnswers() throws Exception {
		int port = ChildServer.freePort();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = ClusterPushBenchmark.run(new String[] { "--cluster", "--redis-port", String.valueOf(port) },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(2);
		assertThat(output.toString(StandardCharsets.UTF_8)).hasLineCount(1)
			.startsWith("push-bench --cluster: no Redis answers PING on 127.0.0.1:" + port);
	}

}
