package dev.tcpgateway.faults;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 3: frames at, just over and far over max-frame-size, and absurd length headers.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.commands.max-frame-size=100B", "tcp.listeners.lengths.port=0",
		"tcp.listeners.lengths.framing=length-header-4", "tcp.listeners.lengths.handler=commands" })
class OversizedFrameTests extends FaultTest {

	@Test
	void acceptsAFrameOfExactlyTheMaximum() {
		try (RawClient client = this.probe.connect("commands")) {
			String text = "e".repeat(100 - "ECHO ".length());
			client.send("ECHO " + text + "\r\n");
			assertThat(client.readLine()).isEqualTo(text);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 101, 1000 })
	void answersAndClosesAFrameOverTheMaximum(int size, CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			client.send("x".repeat(size) + "\r\n");
			assertThat(client.readToEndAsString()).isEqualTo("ERR frame too large (max 100 bytes)\r\n");
		}
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x7FFFFFFF, 0xFFFFFFFF })
	void refusesAHugeLengthHeaderAtOnce(int length, CapturedOutput output) {
		double baseline = this.probe.active("lengths");
		try (RawClient client = this.probe.connect("lengths")) {
			// Only the header: an answer now proves nothing waited for (or allocated) the
			// payload.
			client.send(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
					(byte) length });
			byte[] header = client.readBytes(4);
			int replyLength = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
					| (header[3] & 0xFF);
			assertThat(new String(client.readBytes(replyLength))).isEqualTo("ERR frame too large (max 65536 bytes)");
			assertThat(client.isClosedByServer()).isTrue();
		}
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("lengths", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

}
