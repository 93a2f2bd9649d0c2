package dev.tcpgateway.framing;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The delimited framing with multi-byte sequences, and MLLP. */
class SequenceDelimitedCodecTests {

	private final FrameCodec crlfEnd = Framing.DELIMITED.codec(4,
			FramingOptions.delimited(new byte[0], DelimiterSequence.parse("\\r\\n")));

	private final FrameCodec mllp = Framing.MLLP.codec(8);

	@Test
	void cutsAtAMultiByteEndAndKeepsALoneFirstByte() throws IOException {
		FrameReading reading = FrameReading.of(this.crlfEnd, "a\rb\r\n\r\nxy\r\n");
		assertThat(reading.nextText()).isEqualTo("a\rb");
		assertThat(reading.nextText()).isEmpty();
		assertThat(reading.nextText()).isEqualTo("xy");
	}

	@Test
	void acceptsTheMaximumAndRejectsOneMore() throws IOException {
		assertThat(FrameReading.of(this.crlfEnd, "abcd\r\n").nextText()).isEqualTo("abcd");
		assertThat(FrameReading.of(this.crlfEnd, "abcde\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		// Rejected without waiting for an end that may never come.
		assertThat(FrameReading.of(this.crlfEnd, FrameReading.thenExplode('a', 'b', 'c', 'd', 'e', 'f')).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void bytesBeforeTheStartAreMalformed() throws IOException {
		FrameCodec codec = Framing.DELIMITED.codec(64,
				FramingOptions.delimited(DelimiterSequence.parse("<<"), DelimiterSequence.parse(">>")));
		assertThat(FrameReading.of(codec, "<<hi>>").nextText()).isEqualTo("hi");
		assertThat(FrameReading.of(codec, FrameReading.thenExplode('<', 'x')).next())
			.isEqualTo(new Frame.Rejected(Problem.MALFORMED));
		assertThat(FrameReading.written(codec, "ok".getBytes())).isEqualTo("<<ok>>".getBytes());
	}

	@Test
	void readsAndWritesMllp() throws IOException {
		FrameReading reading = FrameReading.of(this.mllp,
				bytes(0x0B, 'M', 'S', 'H', 0x0D, 0x1C, 0x0D, 0x0B, 'x', 0x1C, 0x0D));
		assertThat(reading.nextText()).isEqualTo("MSH\r");
		assertThat(reading.nextText()).isEqualTo("x");
		assertThat(FrameReading.written(this.mllp, "ACK".getBytes())).isEqualTo(bytes(0x0B, 'A', 'C', 'K', 0x1C, 0x0D));
		assertThat(FrameReading.of(this.mllp, bytes('M', 'S', 'H')).next())
			.isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void mllpAcceptsAFinalEndBlockWithoutItsCarriageReturn() throws IOException {
		FrameReading reading = FrameReading.of(this.mllp, bytes(0x0B, 'a', 0x1C, 0x0D, 0x0B, 'b', 0x1C));
		assertThat(reading.nextText()).isEqualTo("a");
		assertThat(reading.nextText()).isEqualTo("b");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(reading::next);
		// Anything else cut by the close is no message.
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(this.mllp, bytes(0x0B, 'a', 'b')).next());
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> FrameReading
			.of(Framing.DELIMITED.codec(8, FramingOptions.delimited(new byte[0], bytes(0x1C, 0x0D))), bytes('a', 0x1C))
			.next());
	}

}
