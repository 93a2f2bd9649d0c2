package dev.tcpgateway.framing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file under {@code bad-inputs/} against every framing: the server answers (an echo
 * or an error reply) or closes, never loses track of where the next request starts, never
 * logs a stack trace, and keeps serving new connections.
 */
@GatewayTest
@Import(EchoListeners.EchoHandlers.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = EchoListeners.PROPERTIES)
class BadInputCorpusTests {

	private static final byte[] PING = "ping".getBytes();

	@Autowired
	Environment environment;

	static Stream<Arguments> framedCases() throws IOException {
		return cases(Arrays.stream(Framing.values()).filter((framing) -> framing != Framing.HTTP).toList());
	}

	static Stream<Arguments> rawCases() throws IOException {
		return cases(List.of(Framing.values()));
	}

	/**
	 * The input as the payload of a well-formed frame, then a well-formed "ping": each
	 * reply is an echo or an error, and either "ping" comes back intact or the server has
	 * closed.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("framedCases")
	void framedBadPayloadNeverDesynchronises(Framing framing, Path input, CapturedOutput output) throws IOException {
		byte[] payload = Files.readAllBytes(input);
		try (RawClient client = connect(framing)) {
			client.send(EchoListeners.framed(framing, payload));
			client.send(EchoListeners.framed(framing, PING));
			byte[] reply;
			boolean pinged = false;
			while (!pinged && (reply = EchoListeners.readReply(framing, client)) != null) {
				pinged = Arrays.equals(reply, PING);
				if (!pinged) {
					assertThat(new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1))
						.as("a reply that is neither an echo of the input nor an error")
						.satisfiesAnyOf((text) -> assertThat(text).startsWith("ERR "),
								// A delimiter inside the payload splits it, so an empty
								// piece is an echo too.
								(text) -> assertThat(text).isEmpty(), (text) -> assertThat(payload)
									.containsSubsequence(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
				}
			}
			if (!pinged) {
				assertThat(client.isClosedByServer()).isTrue();
			}
		}
		assertServesANewConnection(framing);
		assertThat(output).doesNotContain("\tat ");
	}

	/**
	 * The input as raw bytes on a fresh connection: whatever the server makes of it, it
	 * survives.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("rawCases")
	void rawBadBytesLeaveTheServerServing(Framing framing, Path input, CapturedOutput output) throws IOException {
		try (RawClient client = connect(framing)) {
			client.send(Files.readAllBytes(input));
			client.timeout(Duration.ofMillis(300));
			try {
				// An answer, a close, or a wait for more bytes: all are fine; a hang is
				// bounded here.
				client.socket().getInputStream().read();
			}
			catch (SocketTimeoutException ex) {
				// The server waits for the rest of a frame.
			}
		}
		assertServesANewConnection(framing);
		assertThat(output).doesNotContain("\tat ");
	}

	private void assertServesANewConnection(Framing framing) {
		try (RawClient client = connect(framing)) {
			if (framing == Framing.HTTP) {
				client.send("GET /ok HTTP/1.1\r\n\r\n");
				assertThat(client.readHttpResponse()).startsWith("HTTP/1.1 200 OK");
			}
			else {
				client.send(EchoListeners.framed(framing, PING));
				assertThat(EchoListeners.readReply(framing, client)).isEqualTo(PING);
			}
		}
	}

	private RawClient connect(Framing framing) {
		return RawClient.connect(this.environment
			.getRequiredProperty("local.tcp.listeners." + EchoListeners.listener(framing) + ".port", Integer.class));
	}

	private static Stream<Arguments> cases(List<Framing> framings) throws IOException {
		List<Path> inputs;
		try (Stream<Path> files = Files.list(Path.of("src/test/resources/bad-inputs"))) {
			inputs = files.filter((file) -> file.toString().endsWith(".bin")).sorted().toList();
		}
		assertThat(inputs).isNotEmpty();
		return framings.stream().flatMap((framing) -> inputs.stream().map((input) -> Arguments.of(framing, input)));
	}

}
