package dev.tcpgateway.faults;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 8: a handler that throws, hangs or ignores interrupts, and a full request queue.
 * Each affects only its own request (or, for a runaway handler, its own connection).
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.faulty.port=0", "tcp.listeners.faulty.handler-timeout=1s",
		"tcp.listeners.queue.port=0", "tcp.listeners.queue.handler=faulty",
		"tcp.listeners.queue.max-concurrent-requests=1", "tcp.listeners.queue.queue-timeout=200ms" })
class HandlerFaultTests extends FaultTest {

	@Test
	void aThrowingHandlerAnswersAnErrorAndTheConnectionGoesOn(CapturedOutput output) {
		double errors = this.probe.requests("faulty", "error");
		try (RawClient client = this.probe.connect("faulty")) {
			client.send("throw\r\n");
			String reply = client.readLine();
			assertThat(reply).isEqualTo("ERR internal error");
			client.send("hello\r\n");
			assertThat(client.readLine()).isEqualTo("hello");
		}
		assertThat(this.probe.requests("faulty", "error")).isEqualTo(errors + 1);
		this.probe.assertCommandsServed();
		// A handler failure is a server bug: logged once, with its stack trace.
		assertThat(output.toString().lines().filter((line) -> line.contains("faulty: handler failed"))).hasSize(1);
	}

	@Test
	void aHangingHandlerIsInterruptedAtHandlerTimeout(CapturedOutput output) {
		double baseline = this.probe.active("faulty");
		double timeouts = this.probe.requests("faulty", "timeout");
		try (RawClient client = this.probe.connect("faulty")) {
			long start = System.nanoTime();
			client.send("hang\r\n");
			this.probe.assertCommandsServed();
			assertThat(client.readLine()).isEqualTo("ERR timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
					Duration.ofSeconds(6));
			client.send("still here\r\n");
			assertThat(client.readLine()).isEqualTo("still here");
		}
		assertThat(this.probe.requests("faulty", "timeout")).isEqualTo(timeouts + 1);
		this.probe.assertActiveReturnsTo("faulty", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void aHandlerThatIgnoresInterruptsLosesItsConnection(CapturedOutput output) {
		double baseline = this.probe.active("faulty");
		try (RawClient client = this.probe.connect("faulty")) {
			long start = System.nanoTime();
			client.send("spin\r\n");
			this.probe.assertCommandsServed();
			assertThat(client.readToEnd()).isEmpty();
			// handler-timeout (1 s) plus the grace period (1 s) plus the sweeper's tick.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900),
					Duration.ofSeconds(8));
		}
		this.probe.assertActiveReturnsTo("faulty", baseline);
		assertThat(output).contains("handler ignored the interrupt").doesNotContain("\tat ");
	}

	@Test
	void aFullQueueAnswersBusyAndKeepsTheConnection() throws Exception {
		double busy = this.probe.requests("queue", "busy");
		try (RawClient holder = this.probe.connect("queue"); RawClient waiter = this.probe.connect("queue")) {
			CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
				holder.send("sleep\r\n");
				return holder.readLine();
			});
			// The holder's request takes the only slot for 800 ms; this one waits 200 ms,
			// then gives up.
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> HandlerFaultTests.sleeping);
			waiter.send("first\r\n");
			assertThat(waiter.readLine()).isEqualTo("ERR busy");
			assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("slept");
			waiter.send("second\r\n");
			assertThat(waiter.readLine()).isEqualTo("second");
		}
		assertThat(this.probe.requests("queue", "busy")).isEqualTo(busy + 1);
	}

	static volatile boolean sleeping;

	@TestConfiguration(proxyBeanMethods = false)
	static class FaultyHandler {

		@Bean
		TcpHandler faulty() {
			return (request) -> switch (request.text()) {
				case "throw" -> throw new IllegalStateException("handler bug");
				case "hang" -> {
					Thread.sleep(Duration.ofMinutes(5));
					yield TcpReply.of("woke");
				}
				case "spin" -> {
					// Ignores interrupts, but gives up by itself so that the test cleans
					// up.
					long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
					while (System.nanoTime() < end) {
						Thread.onSpinWait();
					}
					yield TcpReply.of("spun");
				}
				case "sleep" -> {
					sleeping = true;
					Thread.sleep(800);
					sleeping = false;
					yield TcpReply.of("slept");
				}
				default -> TcpReply.of(request.bytes());
			};
		}

	}

}
