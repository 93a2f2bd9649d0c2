package dev.tcpgateway.faults;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Family 11: two thousand idle connections are reaped, and memory and threads come back.
 */
@Tag("slow")
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.idle.port=0", "tcp.listeners.idle.handler=commands",
		"tcp.listeners.idle.idle-timeout=3s" })
class IdleReapTests extends FaultTest {

	private static final int CONNECTIONS = 2000;

	@Test
	void reapsIdleConnectionsAndReturnsTheirResources(CapturedOutput output) {
		long descriptors = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		assumeTrue(descriptors > 3 * CONNECTIONS, "needs ulimit -n above " + 3 * CONNECTIONS);
		double baseline = this.probe.active("idle");
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		long heapBefore = usedHeapAfterGc();
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				clients.add(this.probe.connect("idle"));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.probe.active("idle") >= baseline + CONNECTIONS);
			this.probe.assertCommandsServed();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.probe.active("idle") <= baseline);
			for (RawClient client : clients.subList(0, 20)) {
				assertThat(client.isClosedByServer()).isTrue();
			}
		}
		finally {
			clients.forEach(RawClient::close);
		}
		// Connections ran on virtual threads: the platform thread count barely moves.
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(threadsBefore + 16);
		assertThat(usedHeapAfterGc()).isLessThan(heapBefore + 64 * 1024 * 1024);
		assertThat(output).doesNotContain("\tat ");
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
