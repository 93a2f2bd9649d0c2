package dev.tcpgateway.handler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.tcpgateway.framing.Framing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code log} handler's line: text with control characters escaped, hex for anything
 * not UTF-8, at most 1 KB of either, and always a single line.
 */
class MessageLogHandlerTests {

	@Test
	void showsTextWithListenerAndClient() {
		assertThat(line("$GPRMC,123519,A"))
			.isEqualTo("listener=devices client=127.0.0.1:40000 bytes=15 text=$GPRMC,123519,A");
	}

	@Test
	void keepsAMultiLineMessageOnOneLine() {
		String line = line("<134>first line\nsecond\tline\r\u0000\\ end\u2028");
		assertThat(line).endsWith("text=<134>first line\\nsecond\\tline\\r\\x00\\\\ end\\u2028")
			.doesNotContain("\n", "\r");
	}

	@Test
	void showsUnicodeTextAsIs() {
		assertThat(line("Grüße, 東京"))
			.endsWith("bytes=" + "Grüße, 東京".getBytes(StandardCharsets.UTF_8).length + " text=Grüße, 東京");
	}

	@Test
	void showsBytesThatAreNotUtf8AsHex() {
		byte[] frame = { 0x7E, 0x01, 0x00, (byte) 0xFF, (byte) 0xC3, 0x28 };
		assertThat(line(frame)).endsWith("bytes=6 hex=7e0100ffc328");
	}

	@Test
	void cutsTextAtOneKilobyte() {
		String line = line("a".repeat(5000));
		assertThat(line).contains("bytes=5000 shown=1024 text=").endsWith("=" + "a".repeat(1024));
	}

	@Test
	void cutsHexAtOneKilobyte() {
		byte[] frame = new byte[3000];
		Arrays.fill(frame, (byte) 0xFF);
		assertThat(line(frame)).contains("bytes=3000 shown=1024 hex=").endsWith("=" + "ff".repeat(1024));
	}

	@Test
	void takesACharacterCutByTheLimitForTextNotBinary() {
		// 1023 ASCII bytes, then a two-byte character whose second byte is past the cut.
		String text = "a".repeat(1023) + "é" + "b";
		assertThat(line(text)).contains("shown=1024 text=").endsWith("a".repeat(1023));
	}

	@Test
	void bracketsAnIpv6Client() {
		TcpRequest request = new TcpRequest("devices", "id", new InetSocketAddress("::1", 40000), Framing.LF,
				"x".getBytes(StandardCharsets.UTF_8));
		assertThat(MessageLogHandler.line(request)).contains(" client=[0:0:0:0:0:0:0:1]:40000 ");
	}

	@Test
	void answersNothing() {
		assertThat(new MessageLogHandler().handle(request("hello".getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(TcpReply.none());
	}

	private static String line(String text) {
		return line(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String line(byte[] bytes) {
		return MessageLogHandler.line(request(bytes));
	}

	private static TcpRequest request(byte[] bytes) {
		return new TcpRequest("devices", "id", new InetSocketAddress("127.0.0.1", 40000), Framing.LF, bytes);
	}

}
