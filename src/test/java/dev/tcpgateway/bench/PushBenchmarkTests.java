package dev.tcpgateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A broadcast reaches 10,000 connections, with one client that never reads among them:
 * the push benchmark, its server in one JVM and its clients in another, so that neither
 * holds more than the 10,000 descriptors of its ends of the connections.
 */
class PushBenchmarkTests {

	@Test
	void aBroadcastReachesTenThousandConnections() throws Exception {
		assumeTrue(descriptorLimit() > 10_100, "ulimit -n is under 10,100");
		Path log = Files.createTempFile("push-bench", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process bench = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
				PushBenchmark.class.getName(), "--connections", "10000", "--rounds", "3")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean ended = bench.waitFor(5, TimeUnit.MINUTES);
		String output = Files.readString(log);
		if (!ended) {
			bench.destroyForcibly();
		}
		assertThat(ended).as(output).isTrue();
		assertThat(bench.exitValue()).as(output).isZero();
		assertThat(output).contains("connections=10000");
		for (int round = 1; round <= 3; round++) {
			assertThat(output).as(output).containsPattern("round=" + round + " queued=10001 .*reached=10000 ");
		}
	}

	private static long descriptorLimit() throws Exception {
		Process ulimit = new ProcessBuilder("bash", "-c", "ulimit -n").start();
		String limit = new String(ulimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		ulimit.waitFor();
		return limit.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(limit);
	}

}
