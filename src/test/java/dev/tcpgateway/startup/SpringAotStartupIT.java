package dev.tcpgateway.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tcpgateway.support.Actuator;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runnable jar ({@code tcp-gateway-<version>-exec.jar}) in Spring AOT mode
 * ({@code -Dspring.aot.enabled=true}), the fast-startup recipe of the README. Bean
 * definitions are generated at build time there, so this runs after {@code package}:
 * listeners declared only at run time, configuration checks and the actuator must still
 * work from the generated code.
 */
class SpringAotStartupIT {

	private static final List<String> AOT = List.of("-Dspring.aot.enabled=true");

	private static Path jar;

	private ChildServer server;

	@BeforeAll
	static void findJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter((file) -> file.getFileName().toString().matches("tcp-gateway-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(
						() -> new IllegalStateException("no runnable jar (*-exec.jar) in target/; run ./mvnw verify"));
		}
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void servesEveryListenerIncludingOneDeclaredOnlyAtRunTime() throws Exception {
		this.server = ChildServer.startJar(jar, AOT, "--spring.config.location=optional:classpath:/",
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.listeners.extra.port=0", "--tcp.listeners.extra.framing=lf",
				"--tcp.listeners.extra.handler=commands");
		String log = this.server.output();
		assertThat(log).contains("Starting AOT-processed TcpGatewayApplication");
		assertThat(curl("http://127.0.0.1:" + listenerPort(log, "hello"))).isEqualTo("Hello, World!\r\n");
		try (RawClient client = RawClient.connect(listenerPort(log, "commands"))) {
			assertThat(client.send("PING\r\n").readLine()).isEqualTo("PONG");
		}
		try (RawClient client = RawClient.connect(listenerPort(log, "extra"))) {
			assertThat(client.send("PING\n").readLine()).isEqualTo("PONG");
		}
		String health = Actuator.get(managementPort(log), "/actuator/health");
		assertThat(health).contains("\"extra\"").contains("\"status\":\"UP\"");
	}

	@Test
	void badConfigurationStillFailsWithOneLine() throws Exception {
		this.server = ChildServer.startFailing(jar, AOT, "--spring.config.location=optional:classpath:/",
				"--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0", "--server.port=0",
				"--tcp.listeners.hello.framing=crfl");
		assertThat(this.server.exitCode()).isNotZero();
		assertThat(this.server.output()).contains("tcp.listeners.hello.framing: 'crfl' is not one of crlf, lf")
			.doesNotContain("\tat ");
	}

	private static int listenerPort(String log, String listener) {
		return find(log, "Listening on [^ ]*:(\\d+) \\(" + listener + ",");
	}

	private static int managementPort(String log) {
		return find(log, "Tomcat started on port (\\d+)");
	}

	private static int find(String log, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(log);
		assertThat(matcher.find()).as("%s in the log:%n%s", regex, log).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String curl(String url) throws IOException, InterruptedException {
		assumeTrue(new ProcessBuilder("bash", "-c", "command -v curl").start().waitFor() == 0,
				"curl is not installed (apt-get install curl)");
		Process process = new ProcessBuilder("curl", "-s", "--max-time", "10", url).redirectErrorStream(true).start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
