package dev.tcpgateway.config;

import dev.tcpgateway.TcpGatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server starts from the operator's application.yml with one line per listener and
 * nothing louder than INFO.
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanStartupTests {

	@Test
	void startsFromTheTopLevelApplicationYamlWithoutWarnings(CapturedOutput output) {
		// The default memory budget is a quarter of the heap, which depends on the
		// machine's memory; under about 5 GB of heap the built-in listeners' limits
		// exceed
		// it and startup warns once (memory/ClientMemoryStartupTests).
		try (ConfigurableApplicationContext context = SpringApplication.run(TcpGatewayApplication.class,
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.memory.max-buffered=2GB")) {
			String hello = context.getEnvironment().getProperty("local.tcp.listeners.hello.port");
			String commands = context.getEnvironment().getProperty("local.tcp.listeners.commands.port");
			assertThat(output).contains("Listening on 0.0.0.0:" + hello + " (hello, framing http)")
				.contains("Listening on 0.0.0.0:" + commands + " (commands, framing crlf)");
			assertThat(output.toString().lines()).noneMatch((line) -> line.matches(".*\\s(WARN|ERROR)\\s.*"));
		}
	}

}
