package dev.tcpgateway.handler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The try-it commands from the README, with the real curl and nc. */
@GatewayTest
class RealClientTests {

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Test
	void curlPrintsHelloWorld() throws Exception {
		assumeTrue(installed("curl"), "curl is not installed (apt-get install curl)");
		assertThat(run("curl -s http://127.0.0.1:" + this.helloPort)).isEqualTo("Hello, World!\r\n");
	}

	@Test
	void curlReusesTheConnection() throws Exception {
		assumeTrue(installed("curl"), "curl is not installed (apt-get install curl)");
		String url = "http://127.0.0.1:" + this.helloPort;
		assertThat(run("curl -s -w '%{num_connects}\\n' -o /dev/null " + url + "/a -o /dev/null " + url + "/b"))
			.isEqualTo("1\n0\n");
	}

	@Test
	void ncGetsPong() throws Exception {
		assumeTrue(installed("nc"), "nc is not installed (apt-get install netcat-openbsd)");
		assertThat(run("printf 'PING\\r\\n' | nc -q1 127.0.0.1 " + this.commandsPort)).isEqualTo("PONG\r\n");
	}

	@Test
	void ncClientsLogInAndMessageEachOther() throws Exception {
		assumeTrue(installed("nc"), "nc is not installed (apt-get install netcat-openbsd)");
		// Bob stays connected (its input stays open) and prints what arrives.
		Process bob = new ProcessBuilder("bash", "-c",
				"(printf 'LOGIN nc-bob\\r\\n'; sleep 60) | nc 127.0.0.1 " + this.commandsPort)
			.redirectErrorStream(true)
			.start();
		try (BufferedReader bobSees = new BufferedReader(
				new InputStreamReader(bob.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(bobSees.readLine()).isEqualTo("OK");
			assertThat(run(
					"printf 'LOGIN nc-alice\\r\\nSEND nc-bob hi from nc\\r\\nSEND nc-carol hi\\r\\n' | nc -q1 127.0.0.1 "
							+ this.commandsPort))
				.isEqualTo("OK\r\nSENT\r\nERR no such client\r\n");
			assertThat(bobSees.readLine()).isEqualTo("MSG nc-alice hi from nc");
		}
		finally {
			bob.descendants().forEach(ProcessHandle::destroy);
			bob.destroy();
		}
	}

	private static boolean installed(String command) throws Exception {
		return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
	}

	private static String run(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
