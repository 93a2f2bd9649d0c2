package dev.tcpgateway.framing;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OctetCountingCodecTests {

	private final FrameCodec codec = Framing.OCTET_COUNTING.codec(64);

	@Test
	void readsCountedMessagesThatHoldLineBreaks() throws IOException {
		FrameReading reading = FrameReading.of(this.codec, "11 <13>one\ntwo5 <14>x");
		assertThat(reading.nextText()).isEqualTo("<13>one\ntwo");
		assertThat(reading.nextText()).isEqualTo("<14>x");
	}

	@Test
	void followsASenderThatSwitchesToLineFraming() throws IOException {
		FrameReading reading = FrameReading.of(this.codec, "5 <13>a<14>plain line\n6 <15>bc");
		assertThat(reading.nextText()).isEqualTo("<13>a");
		assertThat(reading.nextText()).isEqualTo("<14>plain line");
		assertThat(reading.nextText()).isEqualTo("<15>bc");
	}

	@Test
	void checksTheLengthBeforeAllocatingOrReadingOn() throws IOException {
		assertThat(FrameReading.of(this.codec, FrameReading.thenExplode('6', '5')).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		assertThat(FrameReading
			.of(Framing.OCTET_COUNTING.codec(Integer.MAX_VALUE - 8),
					FrameReading.thenExplode("99999999999".chars().toArray()))
			.next()).isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		assertThat(FrameReading.of(this.codec, "64 " + "x".repeat(64)).nextText()).hasSize(64);
		assertThat(FrameReading.of(this.codec, "x".repeat(65) + "\n").next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void rejectsALengthWithoutItsSpaceOrWithALeadingZero() throws IOException {
		assertThat(FrameReading.of(this.codec, "12x").next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
		assertThat(FrameReading.of(this.codec, "05 hello").next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void endsQuietlyInsideAMessageAndWritesCountedReplies() {
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(this.codec, "10 short").next());
		assertThat(new String(FrameReading.written(this.codec, "hi\nthere".getBytes()))).isEqualTo("8 hi\nthere");
	}

	/**
	 * Found by fuzzing: an empty line, echoed, went out as {@code "0 "}, which no octet
	 * counting reader (this one included) accepts.
	 */
	@Test
	void skipsEmptyLinesAndWritesNothingForAnEmptyReply() throws IOException {
		FrameReading reading = FrameReading.of(this.codec, "\n\n5 <13>a\n<14>b\n");
		assertThat(reading.nextText()).isEqualTo("<13>a");
		assertThat(reading.nextText()).isEqualTo("<14>b");
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(this.codec, "\n\n").next());
		assertThat(FrameReading.written(this.codec, new byte[0])).isEmpty();
	}

}
