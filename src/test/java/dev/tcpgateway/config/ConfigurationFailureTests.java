package dev.tcpgateway.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.tcpgateway.TcpGatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every bad value stops startup with one line that names the key and what is allowed, and
 * no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureTests {

	@Test
	void unknownFraming(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.framing: 'crfl' is not one of crlf, lf, stx-etx, "
						+ "length-header-1, length-header-2, length-header-4, null-terminated, http, "
						+ "length-field, delimited, mllp, octet-counting, custom",
				"tcp.listeners.hello.framing=crfl");
	}

	@Test
	void lengthFieldSizeNotAllowed(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.length-field.size: 5 is not allowed for encoding binary; use 1, 2, 3, 4 or 8 (bytes)",
				"tcp.listeners.hello.framing=length-field", "tcp.listeners.hello.length-field.size=5");
	}

	@Test
	void byteOrderOfADecimalLengthField(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.length-field.byte-order: little-endian applies to encoding binary only; "
						+ "remove it or use encoding: binary",
				"tcp.listeners.hello.framing=length-field", "tcp.listeners.hello.length-field.encoding=ascii",
				"tcp.listeners.hello.length-field.size=4", "tcp.listeners.hello.length-field.byte-order=little-endian");
	}

	@Test
	void unknownLengthFieldEncoding(CapturedOutput output) {
		assertThat(failureDescription(output, "tcp.listeners.hello.framing=length-field",
				"tcp.listeners.hello.length-field.encoding=ebcdic"))
			.startsWith("tcp.listeners.hello.length-field.encoding: 'ebcdic' is not one of binary, ascii, bcd");
	}

	@Test
	void adjustmentThatLeavesNoLength(CapturedOutput output) {
		assertThat(failureDescription(output, "tcp.listeners.hello.framing=length-field",
				"tcp.listeners.hello.length-field.size=1", "tcp.listeners.hello.length-field.adjustment=-300"))
			.startsWith("tcp.listeners.hello.length-field.adjustment: -300 leaves no frame length from 0 to "
					+ "max-frame-size (65536 bytes)");
	}

	@Test
	void delimitedWithoutEnd(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.delimited.end: is missing; framing delimited needs the bytes that end a frame, "
						+ "e.g. 0x1C0D or \\r\\n",
				"tcp.listeners.hello.framing=delimited");
	}

	@Test
	void delimiterThatIsNoByteSequence(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.delimited.start: '0x1C0' is not an even number of hex digits after 0x; "
						+ "write bytes as hex (0x1C0D) or text with escapes (\\r\\n)",
				"tcp.listeners.hello.framing=delimited", "tcp.listeners.hello.delimited.start=0x1C0",
				"tcp.listeners.hello.delimited.end=0x0D");
	}

	@Test
	void customFramingWithoutCodec(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.codec: is missing; framing custom needs the name of a CustomFraming bean",
				"tcp.listeners.hello.framing=custom");
	}

	@Test
	void codecThatIsNoCustomFraming(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.codec: 'hello' is not a CustomFraming bean; CustomFraming beans are "
						+ "none (declare one, README: Custom framing)",
				"tcp.listeners.hello.framing=custom", "tcp.listeners.hello.codec=hello");
	}

	@Test
	void codecWithoutCustomFraming(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.codec: 'tlv' is set but framing is http; use framing: custom or remove it",
				"tcp.listeners.hello.codec=tlv");
	}

	@Test
	void unknownExecutor(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.listeners.hello.executor: 'green' is not one of virtual, platform",
				"tcp.listeners.hello.executor=green");
	}

	@Test
	void unknownTlsProvider(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.listeners.hello.ssl.provider: 'boring' is not one of auto, jdk, openssl",
				"tcp.listeners.hello.ssl.provider=boring");
	}

	@Test
	void unknownCorrettoCryptoProviderSetting(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.tls.corretto-crypto-provider: 'yes' is not one of auto, off",
				"tcp.tls.corretto-crypto-provider=yes");
	}

	@Test
	void unknownHandlerBean(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.handler: no bean named 'nosuch'; handler beans are commands, hello, hl7-ack, log",
				"tcp.listeners.hello.handler=nosuch");
	}

	@Test
	void handlerBeanOfTheWrongType(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.handler: bean 'notAHandler' is neither a TcpHandler "
						+ "nor a Function<String, String>; handler beans are commands, hello, hl7-ack, log",
				"tcp.listeners.hello.handler=notAHandler");
	}

	@Test
	void portOutOfRange(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.port: 70000 is not a port; use 1 to 65535, or 0 for any free port",
				"tcp.listeners.hello.port=70000");
	}

	@Test
	void negativePort(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.commands.port: -1 is not a port; use 1 to 65535, or 0 for any free port",
				"tcp.listeners.commands.port=-1");
	}

	@Test
	void twoListenersOnOnePort(CapturedOutput output) throws IOException {
		int port = freePort();
		assertStartupFailsWith(output,
				"tcp.listeners.commands.port: " + port
						+ " is already used by listener 'hello'; give each listener its own port",
				"tcp.listeners.hello.port=" + port, "tcp.listeners.commands.port=" + port);
	}

	@Test
	void portInUseByAnotherProcess(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			String line = failureDescription(output, "tcp.listeners.hello.bind-address=127.0.0.1",
					"tcp.listeners.hello.port=" + taken.getLocalPort());
			assertThat(line).startsWith("tcp.listeners.hello.port: cannot listen on 127.0.0.1:" + taken.getLocalPort())
				.endsWith("; free the port or choose another");
		}
	}

	@Test
	void zeroFrameSize(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.max-frame-size: 0 bytes is out of range; use 1B to 2147483639B (for example 64KB)",
				"tcp.listeners.hello.max-frame-size=0B");
	}

	@Test
	void negativeFrameSize(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.max-frame-size: -1 bytes is out of range; use 1B to 2147483639B (for example 64KB)",
				"tcp.listeners.hello.max-frame-size=-1B");
	}

	@Test
	void zeroPushQueue(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.push.max-queued-bytes: 0 bytes is too small; use a size such as 256KB",
				"tcp.push.max-queued-bytes=0B");
	}

	@Test
	void zeroMemoryBudget(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.memory.max-buffered: 0 bytes is too small; use a size such as 256MB, or leave it unset for a quarter of the heap",
				"tcp.memory.max-buffered=0B");
	}

	@Test
	void negativeSendBuffer(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.commands.send-buffer-size: -8192 bytes is out of range; use 0B (the operating system's default) to 2147483647B (for example 64KB)",
				"tcp.listeners.commands.send-buffer-size=-8KB");
	}

	@Test
	void zeroBacklog(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.listeners.hello.backlog: -1 is negative; use 1 or more, "
				+ "or 0 for the operating system's maximum (the default)", "tcp.listeners.hello.backlog=-1");
	}

	@Test
	void negativeDuration(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.listeners.hello.idle-timeout: PT-1S is negative; use 0s or more",
				"tcp.listeners.hello.idle-timeout=-1s");
	}

	@Test
	void unparsableDuration(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.delay: 'soon' is not a duration; use a value such as 500ms, 10s or 5m",
				"tcp.listeners.hello.delay=soon");
	}

	@Test
	void unparsableSize(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.max-frame-size: 'big' is not a size; use a value such as 8KB, 64KB or 1MB",
				"tcp.listeners.hello.max-frame-size=big");
	}

	@Test
	void tooFewPlatformThreads(CapturedOutput output) {
		assertStartupFailsWith(output, "tcp.listeners.hello.max-threads: 1 is too small; use 2 or more "
				+ "(one thread accepts, each connection holds one)", "tcp.listeners.hello.max-threads=1");
	}

	@Test
	void misspelledKey(CapturedOutput output) {
		String line = failureDescription(output, "tcp.listeners.hello.max-frame-sise=1KB");
		assertThat(line).startsWith("tcp.listeners.hello.max-frame-sise: unknown key; a listener takes enabled, port, ")
			.contains("max-frame-size")
			.contains("write-timeout");
	}

	@Test
	void unresolvableBindAddress(CapturedOutput output) {
		assertStartupFailsWith(output,
				"tcp.listeners.hello.bind-address: 'no.such.host.invalid' is not an address "
						+ "of this host; use an IP such as 0.0.0.0 or 127.0.0.1",
				"tcp.listeners.hello.bind-address=no.such.host.invalid");
	}

	private static void assertStartupFailsWith(CapturedOutput output, String expected, String... properties) {
		assertThat(failureDescription(output, properties)).isEqualTo(expected);
	}

	/**
	 * Starts the application with the given properties, expects it to fail, and returns
	 * the one line of the failure analysis' description (failing if it is more than one
	 * line).
	 */
	private static String failureDescription(CapturedOutput output, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		for (String safeDefault : List.of("server.port=0", "tcp.listeners.hello.port=0",
				"tcp.listeners.commands.port=0", "spring.main.banner-mode=off")) {
			String key = safeDefault.substring(0, safeDefault.indexOf('=') + 1);
			if (all.stream().noneMatch((property) -> property.startsWith(key))) {
				all.add(safeDefault);
			}
		}
		// As arguments: they must win over the operator's ./application.yml, as they
		// would for a user.
		String[] arguments = all.stream().map((property) -> "--" + property).toArray(String[]::new);
		Supplier<Object> start = () -> new SpringApplicationBuilder(TcpGatewayApplication.class, ExtraBeans.class)
			.run(arguments);
		assertThatException().isThrownBy(start::get);
		String printed = output.toString();
		int description = printed.lastIndexOf("Description:");
		int action = printed.lastIndexOf("Action:");
		assertThat(description).as("a failure analysis in:%n%s", printed).isNotNegative();
		String text = printed.substring(description + "Description:".length(), action).strip();
		assertThat(text.lines()).as("the description is one line").hasSize(1);
		assertThat(printed).as("no stack trace").doesNotContain("\tat ");
		return text;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ExtraBeans {

		@Bean
		String notAHandler() {
			return "I am not a handler";
		}

	}

}
