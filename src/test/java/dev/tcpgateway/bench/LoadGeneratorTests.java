package dev.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped load generator against a real server, and the limits it keeps. */
@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.iso.port=0", "tcp.listeners.iso.framing=length-field",
		"tcp.listeners.iso.length-field.size=4", "tcp.listeners.iso.length-field.encoding=ascii",
		"tcp.listeners.iso.handler=commands", "tcp.listeners.header.port=0",
		"tcp.listeners.header.framing=length-field", "tcp.listeners.header.length-field.offset=2",
		"tcp.listeners.header.length-field.byte-order=little-endian", "tcp.listeners.header.length-field.adjustment=-2",
		"tcp.listeners.header.handler=commands", "tcp.listeners.mllp.port=0", "tcp.listeners.mllp.framing=mllp",
		"tcp.listeners.mllp.handler=commands", "tcp.listeners.syslog.port=0",
		"tcp.listeners.syslog.framing=octet-counting", "tcp.listeners.syslog.handler=commands",
		"tcp.listeners.marked.port=0", "tcp.listeners.marked.framing=delimited",
		"tcp.listeners.marked.delimited.start=<<", "tcp.listeners.marked.delimited.end=0x1C0D",
		"tcp.listeners.marked.handler=commands" })
class LoadGeneratorTests {

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Autowired
	Environment environment;

	@Test
	void sendsTheAskedNumberOfRequestsAndSummarises(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("runs.csv");
		Run run = run("--port", String.valueOf(this.commandsPort), "--requests", "2000", "--connections", "8",
				"--pipeline", "4", "--csv", csv.toString());
		assertThat(run.status()).isZero();
		assertThat(run.output()).contains("requests  2,000 in").contains("errors    0 ").contains("p99.9");
		assertThat(Files.readAllLines(csv)).hasSize(2).last().asString().contains(",crlf,8,4,2000,");
	}

	@Test
	void countsErrorRepliesAsErrors() {
		Run run = run("--port", String.valueOf(this.commandsPort), "--requests", "100", "--payload", "NOPE");
		assertThat(run.output()).contains("errors    100 ");
	}

	@Test
	void drivesTheHttpFramingIncludingConnectionClose() {
		Run run = run("--port", String.valueOf(this.helloPort), "--framing", "http", "--requests", "200",
				"--connections", "4", "--payload", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
		assertThat(run.output()).contains("requests  200 in").contains("errors    0 ");
	}

	/**
	 * HTTP/1.0 without keep-alive: the server answers {@code Connection: close} and
	 * closes, as a draining server does on every reply; the next request goes on a new
	 * connection instead of failing on the closed one.
	 */
	@Test
	void reconnectsWhenTheServerSaysConnectionClose() {
		Run run = run("--port", String.valueOf(this.helloPort), "--framing", "http", "--requests", "200",
				"--connections", "4", "--payload", "GET / HTTP/1.0\r\n\r\n");
		assertThat(run.output()).contains("requests  200 in").contains("errors    0 ");
	}

	@Test
	void drivesTheLengthFieldFramingWithItsLayout() {
		Run ascii = run("--port", port("iso"), "--framing", "length-field", "--length-size", "4", "--length-encoding",
				"ascii", "--requests", "300", "--connections", "4", "--pipeline", "2");
		assertThat(ascii.output()).contains("requests  300 in").contains("errors    0 ");
		// Header bytes "ab" before the length field; the commands handler sees only PING.
		Run header = run("--port", port("header"), "--framing", "length-field", "--length-offset", "2",
				"--length-byte-order", "little-endian", "--length-adjustment", "-2", "--payload", "abPING",
				"--requests", "300", "--connections", "4");
		assertThat(header.output()).contains("requests  300 in").contains("errors    0 ");
	}

	@Test
	void drivesTheMarkedAndCountedFramings() {
		for (String[] framing : new String[][] { { "mllp", "mllp" }, { "syslog", "octet-counting" } }) {
			Run run = run("--port", port(framing[0]), "--framing", framing[1], "--requests", "300", "--connections",
					"4");
			assertThat(run.output()).as(framing[1]).contains("requests  300 in").contains("errors    0 ");
		}
		Run delimited = run("--port", port("marked"), "--framing", "delimited", "--delimited-start", "<<",
				"--delimited-end", "0x1C0D", "--requests", "300", "--connections", "4");
		assertThat(delimited.output()).contains("requests  300 in").contains("errors    0 ");
	}

	@Test
	void refusesTheCustomFraming() {
		Run run = run("--port", port("iso"), "--framing", "custom", "--requests", "1");
		assertThat(run.status()).isEqualTo(2);
		assertThat(run.output()).contains("framing custom is your own code");
	}

	private String port(String listener) {
		return this.environment.getRequiredProperty("local.tcp.listeners." + listener + ".port");
	}

	@Test
	void refusesToRunWithoutABound() {
		Run run = run("--port", String.valueOf(this.commandsPort));
		assertThat(run.status()).isEqualTo(2);
		assertThat(run.output()).contains("give --duration or --requests");
	}

	@Test
	void refusesARemoteHostUnlessAllowed() {
		Run run = run("--host", "192.0.2.1", "--port", "1", "--requests", "1");
		assertThat(run.status()).isEqualTo(2);
		assertThat(run.output()).contains("192.0.2.1 is not a loopback address");
	}

	/**
	 * A server that accepts and never answers: the stalled connection is closed at the
	 * reply timeout and counted, and the run ends by itself.
	 */
	@Test
	void aSilentServerCannotHangTheRun() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				try (Socket accepted = silent.accept()) {
					accepted.getInputStream().readAllBytes();
				}
				catch (IOException ex) {
					// The generator gave up on it.
				}
			});
			LoadOptions options = LoadOptions.parse(new String[] { "--port", String.valueOf(silent.getLocalPort()),
					"--requests", "1", "--connections", "1" });
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			long start = System.nanoTime();
			new LoadGenerator(options, new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(1))
				.run();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1),
					Duration.ofSeconds(10));
			assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("errors    1 ");
		}
	}

	private static Run run(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int status = LoadGenerator.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return new Run(status, bytes.toString(StandardCharsets.UTF_8));
	}

	private record Run(int status, String output) {
	}

}
