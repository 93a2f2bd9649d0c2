package dev.tcpgateway.framing;

import java.nio.charset.StandardCharsets;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every framing over a real socket: a round trip, two frames in one write, and an
 * oversized frame.
 */
@GatewayTest
@Import(EchoListeners.EchoHandlers.class)
@TestPropertySource(properties = EchoListeners.PROPERTIES + "tcp.listeners.echo-crlf.max-frame-size=64B\n"
		+ "tcp.listeners.echo-lf.max-frame-size=64B\ntcp.listeners.echo-stx-etx.max-frame-size=64B\n"
		+ "tcp.listeners.echo-length-header-1.max-frame-size=64B\ntcp.listeners.echo-length-header-2.max-frame-size=64B\n"
		+ "tcp.listeners.echo-length-header-4.max-frame-size=64B\ntcp.listeners.echo-null-terminated.max-frame-size=64B\n"
		+ "tcp.listeners.echo-http.max-frame-size=256B\ntcp.listeners.echo-length-field.max-frame-size=64B\n"
		+ "tcp.listeners.echo-delimited.max-frame-size=64B\ntcp.listeners.echo-mllp.max-frame-size=64B\n"
		+ "tcp.listeners.echo-octet-counting.max-frame-size=64B\ntcp.listeners.echo-custom.max-frame-size=64B")
class FramingRoundTripTests {

	private static final byte[] HELLO = "héllo".getBytes(StandardCharsets.UTF_8);

	@Autowired
	Environment environment;

	@ParameterizedTest
	@EnumSource(value = Framing.class, mode = EnumSource.Mode.EXCLUDE, names = "HTTP")
	void roundTripsAndKeepsFramesApart(Framing framing) {
		try (RawClient client = connect(framing)) {
			client.send(EchoListeners.framed(framing, HELLO));
			assertThat(EchoListeners.readReply(framing, client)).isEqualTo(HELLO);
			byte[] two = concat(EchoListeners.framed(framing, "one".getBytes()),
					EchoListeners.framed(framing, "two".getBytes()));
			client.send(two);
			assertThat(EchoListeners.readReply(framing, client)).isEqualTo("one".getBytes());
			assertThat(EchoListeners.readReply(framing, client)).isEqualTo("two".getBytes());
		}
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, mode = EnumSource.Mode.EXCLUDE, names = "HTTP")
	void acceptsTheMaximumAndAnswersAnOversizedFrameThenCloses(Framing framing) {
		try (RawClient client = connect(framing)) {
			byte[] maximum = "m".repeat(EchoListeners.maxPayload(framing)).getBytes();
			client.send(EchoListeners.framed(framing, maximum));
			assertThat(EchoListeners.readReply(framing, client)).isEqualTo(maximum);
			client.send(EchoListeners.framed(framing, "x".repeat(EchoListeners.maxPayload(framing) + 1).getBytes()));
			assertThat(new String(EchoListeners.readReply(framing, client)))
				.isEqualTo("ERR frame too large (max 64 bytes)");
			assertThat(EchoListeners.readReply(framing, client)).isNull();
		}
	}

	@Test
	void roundTripsOverHttp() {
		try (RawClient client = connect(Framing.HTTP)) {
			client.send("POST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
			assertThat(client.readHttpResponse()).endsWith("\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
		}
	}

	@Test
	void answersAnOversizedHttpRequestThenCloses() {
		try (RawClient client = connect(Framing.HTTP)) {
			client.send("GET / HTTP/1.1\r\nX: " + "a".repeat(300) + "\r\n\r\n");
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 431 ").endsWith("(max 256 bytes)\r\n");
		}
	}

	private RawClient connect(Framing framing) {
		return RawClient.connect(this.environment
			.getRequiredProperty("local.tcp.listeners." + EchoListeners.listener(framing) + ".port", Integer.class));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
