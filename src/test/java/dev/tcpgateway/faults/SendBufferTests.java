package dev.tcpgateway.faults;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The socket send buffer of an accepted connection, as the kernel reports it: the kernel
 * sizes it unless a listener fixes it with send-buffer-size. A fixed small buffer caps a
 * reply's speed at buffer / round trip (16 KB, Linux's doubled 8 KB, over 50 ms: about
 * 320 KB/s), which is why it is not the default.
 */
@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.fixed.port=0", "tcp.listeners.fixed.handler=commands",
		"tcp.listeners.fixed.send-buffer-size=32KB", "tcp.listeners.auto.port=0",
		"tcp.listeners.auto.handler=commands" })
class SendBufferTests extends FaultTest {

	private static final Pattern SEND_BUFFER = Pattern.compile("\\btb(\\d+)\\b");

	@Test
	void aConfiguredSendBufferIsWhatTheKernelGets() throws Exception {
		// Linux doubles the value set, for its own bookkeeping.
		assertThat(acceptedSendBuffer("fixed")).isEqualTo(2 * 32 * 1024);
	}

	@Test
	void byDefaultTheKernelSizesTheSendBuffer() throws Exception {
		// Left alone, Linux starts a loopback connection at megabytes (tcp_wmem and the
		// MTU); the old fixed 8 KB default showed as 16 KB.
		assertThat(acceptedSendBuffer("auto")).isGreaterThan(64 * 1024);
	}

	/** The send buffer the kernel reports for the server's side of a fresh connection. */
	private long acceptedSendBuffer(String listener) throws Exception {
		assumeTrue(new ProcessBuilder("bash", "-c", "command -v ss").start().waitFor() == 0,
				"ss is not installed (apt-get install iproute2)");
		int port = this.probe.port(listener);
		try (Socket client = new Socket()) {
			client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			client.setSoTimeout(5000);
			client.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader replies = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			// Answered, so the server has accepted it and its socket options are set.
			assertThat(replies.readLine()).isEqualTo("PONG");
			Process ss = new ProcessBuilder("ss", "-tmnH", "state", "established", "sport = :" + port)
				.redirectErrorStream(true)
				.start();
			String report = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
			Matcher sendBuffer = SEND_BUFFER.matcher(report);
			assertThat(sendBuffer.find()).as(report).isTrue();
			return Long.parseLong(sendBuffer.group(1));
		}
	}

}
