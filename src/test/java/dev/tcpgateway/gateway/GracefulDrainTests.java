package dev.tcpgateway.gateway;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context drains: readiness goes OUT_OF_SERVICE while liveness stays UP, HTTP
 * replies say {@code Connection: close} from then on, the ports close, requests in
 * progress get their full replies (HTTP with {@code Connection: close}), quiet
 * connections are ended with a FIN and no reset, and the whole shutdown stays within the
 * grace period even when a handler hangs.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulDrainTests {

	@Test
	void finishesRequestsInProgressRefusesNewClientsAndClosesIdleOnes(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.listeners.hello.delay=2s", "--spring.lifecycle.timeout-per-shutdown-phase=15s");
		int commands = port(context, "commands");
		int hello = port(context, "hello");
		int management = managementPort(context);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		FunctionCounter shutdownCloses = meters.get(ListenerMeters.CONNECTIONS_CLOSED)
			.tag("listener", "commands")
			.tag("reason", "shutdown")
			.functionCounter();
		assertThat(Actuator.status(management, "/actuator/health/readiness")).isEqualTo(200);
		try (RawClient sleeping = RawClient.connect(commands);
				RawClient idle = RawClient.connect(commands);
				RawClient slowHttp = RawClient.connect(hello)) {
			assertThat(idle.send("PING\r\n").readLine()).isEqualTo("PONG");
			sleeping.send("SLEEP 2000\r\n");
			slowHttp.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> meters.get(ListenerMeters.REQUESTS_IN_FLIGHT)
					.tag("listener", "commands")
					.gauge()
					.value() == 1
						&& meters.get(ListenerMeters.REQUESTS_IN_FLIGHT).tag("listener", "hello").gauge().value() == 1);

			long start = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

			await().atMost(Duration.ofSeconds(2))
				.until(() -> Actuator.status(management, "/actuator/health/readiness") == 503);
			assertThat(Actuator.status(management, "/actuator/health/liveness")).isEqualTo(200);
			assertThat(idle.timeout(Duration.ofSeconds(2)).isClosedByServer()).isTrue();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", commands), 1_000)));

			assertThat(sleeping.timeout(Duration.ofSeconds(5)).readLine()).isEqualTo("SLEPT 2000");
			assertThat(sleeping.isClosedByServer()).isTrue();
			String response = slowHttp.timeout(Duration.ofSeconds(5)).readHttpResponse();
			assertThat(response).startsWith("HTTP/1.1 200")
				.containsIgnoringCase("Connection: close")
				.contains("\r\n\r\nHello, World!");
			assertThat(slowHttp.isClosedByServer()).isTrue();

			closing.join();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(shutdownCloses.count()).isEqualTo(2);
			assertThat(output).contains("Drained every connection in");
		}
		finally {
			context.close();
		}
	}

	@Test
	void tellsHttpClientsToCloseForTheWholeWindowAndEndsQuietConnectionsWithoutAReset() throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.shutdown.drain-delay=4s", "--spring.lifecycle.timeout-per-shutdown-phase=15s");
		int commands = port(context, "commands");
		int hello = port(context, "hello");
		int management = managementPort(context);
		String request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
		try (RawClient keptAlive = RawClient.connect(hello); RawClient line = RawClient.connect(commands)) {
			assertThat(keptAlive.send(request).readHttpResponse()).startsWith("HTTP/1.1 200")
				.doesNotContainIgnoringCase("Connection: close");
			assertThat(line.send("PING\r\n").readLine()).isEqualTo("PONG");

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			// Well inside the window, also on a machine busy with other builds.
			await().atMost(Duration.ofSeconds(3))
				.until(() -> Actuator.status(management, "/actuator/health/readiness") == 503);

			// Inside the drain window: the next request on a kept-alive connection is
			// answered, told to close, and closed; so is a client that connects now.
			assertThat(keptAlive.send(request).readHttpResponse()).startsWith("HTTP/1.1 200")
				.containsIgnoringCase("Connection: close")
				.endsWith("Hello, World!\r\n");
			assertThat(keptAlive.timeout(Duration.ofSeconds(5)).isClosedByServer()).isTrue();
			try (RawClient late = RawClient.connect(hello)) {
				assertThat(late.send(request).readHttpResponse()).containsIgnoringCase("Connection: close");
				assertThat(late.timeout(Duration.ofSeconds(5)).isClosedByServer()).isTrue();
			}

			// A line protocol cannot be told in-band: it is served as usual while the
			// port accepts, then, once quiet, sees the end of stream between two replies.
			assertThat(line.send("PING\r\n").readLine()).isEqualTo("PONG");
			assertThat(line.timeout(Duration.ofSeconds(5)).readByte()).isEqualTo(-1);
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", commands), 1_000));
			// A request that crosses the server's FIN is read and dropped, not met with
			// a reset.
			line.send("PING\r\n");
			await().pollDelay(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(3))
				.untilAsserted(() -> assertThat(line.readByte()).isEqualTo(-1));
			closing.join();
		}
		finally {
			context.close();
		}
	}

	@Test
	void endsWithinTheGracePeriodEvenWithAHungHandler(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.enabled=false", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.commands.max-sleep=5m", "--tcp.listeners.commands.handler-timeout=0s",
				"--spring.lifecycle.timeout-per-shutdown-phase=2s");
		try (RawClient hung = RawClient.connect(port(context, "commands"))) {
			hung.send("SLEEP 300000\r\n");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> meters.get(ListenerMeters.REQUESTS_IN_FLIGHT)
					.tag("listener", "commands")
					.gauge()
					.value() == 1);
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(hung.timeout(Duration.ofSeconds(2)).isClosedByServer()).isTrue();
			assertThat(output).contains("still in a request; closing them");
		}
		finally {
			context.close();
		}
	}

	private static int managementPort(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private static int port(ConfigurableApplicationContext context, String listener) {
		return Integer
			.parseInt(context.getEnvironment().getRequiredProperty("local.tcp.listeners." + listener + ".port"));
	}

}
