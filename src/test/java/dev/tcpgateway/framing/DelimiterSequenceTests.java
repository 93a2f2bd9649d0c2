package dev.tcpgateway.framing;

import org.junit.jupiter.api.Test;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelimiterSequenceTests {

	@Test
	void readsHexAndEscapes() {
		assertThat(DelimiterSequence.parse("0x1C0D")).isEqualTo(bytes(0x1C, 0x0D));
		assertThat(DelimiterSequence.parse("0xff")).isEqualTo(bytes(0xFF));
		assertThat(DelimiterSequence.parse("\\r\\n")).isEqualTo(bytes('\r', '\n'));
		assertThat(DelimiterSequence.parse("END\\0\\t\\\\\\x1F")).isEqualTo(bytes('E', 'N', 'D', 0, '\t', '\\', 0x1F));
		// YAML's double quotes turn "\r\n" into the characters themselves.
		assertThat(DelimiterSequence.parse("\r\n")).isEqualTo(bytes('\r', '\n'));
	}

	@Test
	void refusesWhatIsNoByteSequence() {
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse("0x1C0"))
			.withMessage("'0x1C0' is not an even number of hex digits after 0x");
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse("0xZZ"));
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse("\\q"));
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse("\\x4"));
		assertThatIllegalArgumentException().isThrownBy(() -> DelimiterSequence.parse("\u20ac"));
	}

}
