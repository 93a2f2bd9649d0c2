package dev.tcpgateway.faults;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 4 on the line protocol: invalid UTF-8, NUL and a lone CR inside a line get an
 * error reply, and the next request on the same connection is read from the right place.
 * (Every framing gets every input of the replayable corpus in
 * {@code BadInputCorpusTests}.)
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class GarbageInputTests extends FaultTest {

	@ParameterizedTest
	@ValueSource(strings = { "C328", "FF", "C0AF", "EDA080", "00", "0D", "50494E0D47", "DEADBEEF00FF0D0D" })
	void answersGarbageAndStaysInStep(String hex, CapturedOutput output) {
		double baseline = this.probe.active("commands");
		try (RawClient client = this.probe.connect("commands")) {
			client.send(java.util.HexFormat.of().parseHex(hex));
			client.send("\r\nPING\r\n");
			assertThat(client.readLine()).startsWith("ERR ");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
		this.probe.assertCommandsServed();
		this.probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

}
