package dev.tcpgateway.protocols;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.ProcessOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * util-linux {@code logger --tcp --octet-count} (RFC 6587 octet counting) against an
 * {@code octet-counting} listener with the built-in {@code log} handler: a message with
 * an embedded line break arrives as one message, and several messages on one connection
 * stay apart.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.syslog.port=0", "tcp.listeners.syslog.framing=octet-counting",
		"tcp.listeners.syslog.handler=log" })
class SyslogLoggerTests {

	@Value("${local.tcp.listeners.syslog.port}")
	int port;

	@Test
	void loggerMessagesArriveWholeAndApart(CapturedOutput output) throws Exception {
		assumeThat(run("command -v logger").status()).as("logger is not installed (apt-get install bsdutils)").isZero();
		String logger = "logger --tcp --octet-count -n 127.0.0.1 -P " + this.port + " -t sensor ";
		// One message with a line break in it; then two messages on one connection.
		assertThat(run(logger + "$'first line\\nsecond line'")).isEqualTo(new Run(0, ""));
		assertThat(run("printf 'one\\ntwo\\n' | " + logger)).isEqualTo(new Run(0, ""));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<String> lines = output.toString()
				.lines()
				.filter((line) -> line.contains("tcp.messages") && line.contains("listener=syslog "))
				.toList();
			assertThat(lines).hasSize(3).allMatch((line) -> line.contains(" INFO "));
			// RFC 5424 as logger writes it: <PRI>1 TIMESTAMP HOST TAG - - [SD] MSG.
			assertThat(lines).filteredOn((line) -> line.endsWith("] first line\\nsecond line"))
				.singleElement()
				.asString()
				.matches(".* text=<13>1 \\S+ \\S+ sensor - - \\[.*");
			List<String> oneAndTwo = lines.stream().filter((line) -> !line.contains("first line")).toList();
			assertThat(oneAndTwo).satisfiesExactly((line) -> assertThat(line).endsWith("] one"),
					(line) -> assertThat(line).endsWith("] two"));
		});
	}

	private static Run run(String command) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		ProcessOutput output = ProcessOutput.of(process);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(command).isTrue();
		return new Run(process.exitValue(), output.text().strip());
	}

	/**
	 * A command's exit status and what it printed (logger prints nothing when it
	 * succeeds).
	 */
	private record Run(int status, String output) {
	}

}
