package dev.tcpgateway.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.observability.ListenerMeters;
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
import static org.awaitility.Awaitility.await;

/**
 * A one-way request in progress when the server drains is finished (the {@code log}
 * handler writes its line), nothing is written back, and its connection is closed as a
 * shutdown close.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneWayDrainTests {

	@Test
	void finishesAOneWayRequestThenClosesWithoutWriting(CapturedOutput output) {
		ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.enabled=false", "--tcp.listeners.commands.enabled=false", "--server.port=0",
				"--tcp.listeners.devices.port=0", "--tcp.listeners.devices.handler=log",
				"--tcp.listeners.devices.framing=lf", "--tcp.listeners.devices.delay=1s",
				"--spring.lifecycle.timeout-per-shutdown-phase=15s");
		try (RawClient client = RawClient.connect(
				Integer.parseInt(context.getEnvironment().getRequiredProperty("local.tcp.listeners.devices.port")))) {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			FunctionCounter shutdownCloses = meters.get(ListenerMeters.CONNECTIONS_CLOSED)
				.tag("listener", "devices")
				.tag("reason", "shutdown")
				.functionCounter();
			client.send("reading 42\n");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> meters.get(ListenerMeters.REQUESTS_IN_FLIGHT)
					.tag("listener", "devices")
					.gauge()
					.value() == 1);
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			assertThat(client.timeout(Duration.ofSeconds(10)).readToEnd()).isEmpty();
			closing.join();
			assertThat(output).contains("listener=devices client=127.0.0.1:").contains("bytes=10 text=reading 42");
			assertThat(shutdownCloses.count()).isEqualTo(1);
		}
		finally {
			context.close();
		}
	}

}
