package dev.tcpgateway.handler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.commands.max-frame-size=128B", "tcp.commands.max-sleep=2s" })
class CommandsListenerTests {

	@Value("${local.tcp.listeners.commands.port}")
	int port;

	@Test
	void answersEachCommand() {
		try (RawClient client = RawClient.connect(this.port)) {
			assertThat(ask(client, "PING")).isEqualTo("PONG");
			assertThat(ask(client, "ECHO héllo wörld")).isEqualTo("héllo wörld");
			Instant time = Instant.parse(ask(client, "TIME"));
			assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
			assertThat(ask(client, "HELP")).isEqualTo(CommandsHandler.HELP);
			assertThat(ask(client, "STATS")).matches("connections=\\d+ requests=\\d+ uptime=\\d+s");
		}
	}

	@Test
	void clientShowsTheAddressAndPortTheServerSees() {
		try (RawClient client = RawClient.connect(this.port)) {
			assertThat(ask(client, "CLIENT")).isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
			assertThat(ask(client, "CLIENT now")).isEqualTo("ERR CLIENT takes no argument");
		}
	}

	@Test
	void answersPipelinedRequestsInOrderAndASlowOneDoesNotHoldBackTheRepliesBeforeIt() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("PING\r\n".repeat(100) + "ECHO last\r\n");
			for (int i = 0; i < 100; i++) {
				assertThat(client.readLine()).isEqualTo("PONG");
			}
			assertThat(client.readLine()).isEqualTo("last");
			long start = System.nanoTime();
			client.send("PING\r\nSLEEP 1500\r\n");
			assertThat(client.readLine()).isEqualTo("PONG");
			// Held back for coalescing at most about a sweeper tick, never until the
			// SLEEP
			// ends.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
			assertThat(client.readLine()).isEqualTo("SLEPT 1500");
		}
	}

	@Test
	void acceptsAnyCaseAndBareLineFeeds() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("ping\nPiNg\n");
			assertThat(client.readLine()).isEqualTo("PONG");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
	}

	@Test
	void sleepsForTheAskedTimeWithinTheMaximum() {
		try (RawClient client = RawClient.connect(this.port)) {
			long start = System.nanoTime();
			assertThat(ask(client, "SLEEP 200")).isEqualTo("SLEPT 200");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			assertThat(ask(client, "SLEEP 5000")).isEqualTo("ERR SLEEP 5000 is over the maximum of 2000 ms");
			assertThat(ask(client, "SLEEP soon")).startsWith("ERR usage: SLEEP <ms>");
			assertThat(ask(client, "PING")).isEqualTo("PONG");
		}
	}

	@Test
	void countsRequestsInStats() {
		try (RawClient client = RawClient.connect(this.port)) {
			long before = requests(ask(client, "STATS"));
			ask(client, "PING");
			assertThat(requests(ask(client, "STATS"))).isGreaterThanOrEqualTo(before + 2);
		}
	}

	@Test
	void answersUnknownCommandsAndBadArgumentsAndStaysOpen() {
		try (RawClient client = RawClient.connect(this.port)) {
			assertThat(ask(client, "FROB x")).isEqualTo("ERR unknown command 'FROB' (try HELP)");
			assertThat(ask(client, "")).isEqualTo("ERR empty command (try HELP)");
			assertThat(ask(client, "PING extra")).isEqualTo("ERR PING takes no argument");
			assertThat(ask(client, "ECHO")).isEqualTo("ERR usage: ECHO <text>");
			assertThat(ask(client, "PING")).isEqualTo("PONG");
		}
	}

	@Test
	void doesNotEchoControlBytesOfAnUnknownCommand() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send(new byte[] { 'X', 0x1B, '[', '2', 'J', '\r', '\n' });
			assertThat(client.readLine()).isEqualTo("ERR unknown command 'X?[2J' (try HELP)");
		}
	}

	@Test
	void echoesBytesThatAreNotUtf8Unchanged() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send(new byte[] { 'E', 'C', 'H', 'O', ' ', (byte) 0xC3, 0x28, (byte) 0xFF, '\r', '\n' });
			assertThat(client.readBytes(5)).containsExactly((byte) 0xC3, 0x28, (byte) 0xFF, '\r', '\n');
		}
	}

	@Test
	void quitSaysByeAndClosesWithoutAnsweringWhatFollows() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("QUIT\r\nPING\r\n");
			assertThat(client.readToEndAsString()).isEqualTo("BYE\r\n");
		}
	}

	@Test
	void answersAnOversizedLineAndCloses() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("ECHO " + "x".repeat(200) + "\r\n");
			assertThat(client.readToEndAsString()).isEqualTo("ERR frame too large (max 128 bytes)\r\n");
		}
	}

	@Test
	void acceptsALineOfExactlyTheMaximum() {
		try (RawClient client = RawClient.connect(this.port)) {
			String text = "y".repeat(128 - "ECHO ".length());
			assertThat(ask(client, "ECHO " + text)).isEqualTo(text);
		}
	}

	@Test
	void answersTwoCommandsInOneWriteInOrder() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("ECHO first\r\nECHO second\r\n");
			assertThat(client.readLine()).isEqualTo("first");
			assertThat(client.readLine()).isEqualTo("second");
		}
	}

	@Test
	void assemblesACommandSplitAcrossWrites() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.trickle("ECHO split\r\n".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(20));
			assertThat(client.readLine()).isEqualTo("split");
			assertThat(ask(client, "PING")).isEqualTo("PONG");
		}
	}

	private static String ask(RawClient client, String line) {
		client.send(line + "\r\n");
		return client.readLine();
	}

	private static long requests(String stats) {
		return Long.parseLong(stats.replaceAll(".*requests=(\\d+).*", "$1"));
	}

}
