package dev.tcpgateway.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
		"tcp.listeners.pool.executor=platform", "tcp.listeners.pool.max-threads=3", "tcp.listeners.pool.backlog=16",
		"tcp.listeners.burst.port=0", "tcp.listeners.burst.handler=commands" })
class BacklogTests extends FaultTest {

	@Test
	void theKernelHasTheConfiguredBacklog() throws Exception {
		assertThat(listeningBacklog("small")).isEqualTo("7");
	}

	@Test
	void byDefaultTheBacklogIsTheKernelsMaximum() throws Exception {
		assumeTrue(Files.isReadable(Path.of("/proc/sys/net/core/somaxconn")), "no net.core.somaxconn (not Linux)");
		// Read by cat, not by the Java code under test.
		Process cat = new ProcessBuilder("cat", "/proc/sys/net/core/somaxconn").start();
		assertThat(cat.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String somaxconn = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
		assertThat(Integer.parseInt(somaxconn)).isGreaterThan(7);
		assertThat(listeningBacklog("burst")).isEqualTo(somaxconn);
	}

	/** The backlog the kernel reports for a listener's socket. */
	private String listeningBacklog(String listener) throws Exception {
		assumeTrue(new ProcessBuilder("bash", "-c", "command -v ss").start().waitFor() == 0,
				"ss is not installed (apt-get install iproute2)");
		int port = this.probe.port(listener);
		Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
		assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String line = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		// State, Recv-Q, Send-Q (the backlog of a listening socket), local address, peer.
		String[] columns = line.split("\\s+");
		assertThat(columns).as(line).hasSizeGreaterThanOrEqualTo(4);
		assertThat(columns[0]).isEqualTo("LISTEN");
		assertThat(columns[3]).endsWith(":" + port);
		return columns[2];
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
