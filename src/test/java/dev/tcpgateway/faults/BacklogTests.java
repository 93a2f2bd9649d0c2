package dev.tcpgateway.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Family 9: the configured backlog is what the kernel gets, and a bounded platform pool
 * that is busy refuses clearly instead of leaving clients hanging, so every client is
 * served in the end.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.small.port=0", "tcp.listeners.small.handler=commands",
		"tcp.listeners.small.backlog=7", "tcp.listeners.pool.port=0", "tcp.listeners.pool.handler=commands",
		"tcp.listeners.pool.executor=platform", "tcp.listeners.pool.max-threads=3", "tcp.listeners.pool.backlog=16" })
class BacklogTests extends FaultTest {

	@Test
	void theKernelHasTheConfiguredBacklog() throws Exception {
		assumeTrue(new ProcessBuilder("bash", "-c", "command -v ss").start().waitFor() == 0,
				"ss is not installed (apt-get install iproute2)");
		int port = this.probe.port("small");
		Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
		assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String line = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		// State, Recv-Q, Send-Q (the backlog of a listening socket), local address, peer.
		assertThat(line.split("\\s+")).as(line).hasSizeGreaterThanOrEqualTo(4).satisfies((columns) -> {
			assertThat(columns[0]).isEqualTo("LISTEN");
			assertThat(columns[2]).isEqualTo("7");
			assertThat(columns[3]).endsWith(":" + port);
		});
	}

	@Test
	void aBusyPoolRefusesClearlyAndEveryClientIsServedInTheEnd(CapturedOutput output) throws Exception {
		double baseline = this.probe.active("pool");
		AtomicInteger refusals = new AtomicInteger();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<String>> served = IntStream.range(0, 12)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> serveWithRetries(refusals), clients))
				.toList();
			for (CompletableFuture<String> reply : served) {
				assertThat(reply.get(60, TimeUnit.SECONDS)).isEqualTo("SLEPT 300\r\nBYE\r\n");
			}
		}
		// Two connections at a time (three threads, one accepting): most clients were
		// refused once.
		assertThat(refusals.get()).isPositive();
		assertThat(this.probe.refused("pool", "max-threads")).isEqualTo(refusals.get());
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("pool", baseline);
		assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	/** One client that retries after a refusal, as clients of a busy server should. */
	private String serveWithRetries(AtomicInteger refusals) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
		while (System.nanoTime() < deadline) {
			try (RawClient client = this.probe.connect("pool")) {
				String reply = client.send("SLEEP 300\r\nQUIT\r\n").readToEndAsString();
				if (!reply.equals("ERR server busy\r\n")) {
					return reply;
				}
				refusals.incrementAndGet();
			}
			try {
				Thread.sleep(Duration.ofMillis(100));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}
		return "never served";
	}

}
