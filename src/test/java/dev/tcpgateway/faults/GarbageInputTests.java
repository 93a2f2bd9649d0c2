package dev.tcpgateway.faults;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Family 4 on the line protocol: invalid UTF-8, NUL and a lone CR inside a line get an
 * error reply, and the next request on the same connection is read from the right place.
 * (Every framing gets every input of the replayable corpus in
 * {@code BadInputCorpusTests}.)
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class GarbageInputTests {

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest
	@ValueSource(strings = { "C328", "FF", "C0AF", "EDA080", "00", "0D", "50494E0D47", "DEADBEEF00FF0D0D" })
	void answersGarbageAndStaysInStep(String hex, CapturedOutput output) {
		Probe probe = new Probe(this.environment, this.meters);
		double baseline = probe.active("commands");
		try (RawClient client = probe.connect("commands")) {
			client.send(java.util.HexFormat.of().parseHex(hex));
			client.send("\r\nPING\r\n");
			assertThat(client.readLine()).startsWith("ERR ");
			assertThat(client.readLine()).isEqualTo("PONG");
		}
		probe.assertCommandsServed();
		probe.assertActiveReturnsTo("commands", baseline);
		assertThat(output).doesNotContain("\tat ");
	}

}
