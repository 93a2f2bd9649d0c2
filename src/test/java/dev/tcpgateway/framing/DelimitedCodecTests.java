package dev.tcpgateway.framing;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DelimitedCodecTests {

	private final FrameCodec crlf = Framing.CRLF.codec(8);

	@Test
	void crlfReadsLinesEndedByCrlfOrBareLf() throws IOException {
		FrameReading reading = FrameReading.of(this.crlf, "one\r\ntwo\nthree\r\n");
		assertThat(reading.nextText()).isEqualTo("one");
		assertThat(reading.nextText()).isEqualTo("two");
		assertThat(reading.nextText()).isEqualTo("three");
	}

	@Test
	void crlfKeepsALoneCarriageReturnInsideTheLine() throws IOException {
		assertThat(FrameReading.of(this.crlf, "a\rb\r\n").nextText()).isEqualTo("a\rb");
	}

	@Test
	void crlfAcceptsExactlyTheMaximumAndRejectsOneMore() throws IOException {
		assertThat(FrameReading.of(this.crlf, "12345678\r\n").nextText()).isEqualTo("12345678");
		assertThat(FrameReading.of(this.crlf, "123456789\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		assertThat(FrameReading.of(this.crlf, "x".repeat(80) + "\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void lfKeepsTheCarriageReturn() throws IOException {
		assertThat(FrameReading.of(Framing.LF.codec(8), "ab\r\n").nextText()).isEqualTo("ab\r");
	}

	@Test
	void emptyFrames() throws IOException {
		assertThat(FrameReading.of(this.crlf, "\r\n").nextText()).isEmpty();
		assertThat(FrameReading.of(Framing.NULL_TERMINATED.codec(8), bytes(0)).nextText()).isEmpty();
		assertThat(FrameReading.of(Framing.STX_ETX.codec(8), bytes(2, 3)).nextText()).isEmpty();
	}

	@Test
	void stxEtxReadsFramesAndRejectsAMissingStx() throws IOException {
		FrameCodec codec = Framing.STX_ETX.codec(8);
		FrameReading reading = FrameReading.of(codec, bytes(2, 'h', 'i', 3, 2, 'y', 'o', 3));
		assertThat(reading.nextText()).isEqualTo("hi");
		assertThat(reading.nextText()).isEqualTo("yo");
		assertThat(FrameReading.of(codec, "hi").next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void nullTerminatedReadsUpToNul() throws IOException {
		FrameReading reading = FrameReading.of(Framing.NULL_TERMINATED.codec(8), bytes('a', 0, 'b', 'c', 0));
		assertThat(reading.nextText()).isEqualTo("a");
		assertThat(reading.nextText()).isEqualTo("bc");
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = { "CRLF", "LF", "NULL_TERMINATED" })
	void passesBytesThatAreNotUtf8ThroughUnchanged(Framing framing) throws IOException {
		int end = (framing == Framing.NULL_TERMINATED) ? 0 : '\n';
		byte[] invalid = bytes(0xC3, 0x28, 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80);
		byte[] input = new byte[invalid.length + 1];
		System.arraycopy(invalid, 0, input, 0, invalid.length);
		input[invalid.length] = (byte) end;
		Frame frame = FrameReading.of(framing.codec(64), input).next();
		assertThat(((Frame.Request) frame).bytes()).isEqualTo(invalid);
	}

	@ParameterizedTest
	@EnumSource(value = Framing.class, names = { "CRLF", "LF", "NULL_TERMINATED", "STX_ETX" })
	void endOfStreamBetweenOrInsideFramesEndsQuietly(Framing framing) {
		FrameCodec codec = framing.codec(64);
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(codec, new byte[0]).next());
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(codec, bytes(2, 'p', 'a', 'r')).next());
	}

	@Test
	void framesRepliesWithTheirDelimiters() {
		assertThat(FrameReading.written(this.crlf, "OK".getBytes())).isEqualTo(bytes('O', 'K', '\r', '\n'));
		assertThat(FrameReading.written(Framing.LF.codec(8), "OK".getBytes())).isEqualTo(bytes('O', 'K', '\n'));
		assertThat(FrameReading.written(Framing.STX_ETX.codec(8), "OK".getBytes())).isEqualTo(bytes(2, 'O', 'K', 3));
		assertThat(FrameReading.written(Framing.NULL_TERMINATED.codec(8), "OK".getBytes()))
			.isEqualTo(bytes('O', 'K', 0));
	}

	@Test
	void errorRepliesNameTheLimit() {
		assertThat(new String(this.crlf.error(Problem.FRAME_TOO_LARGE, null)))
			.isEqualTo("ERR frame too large (max 8 bytes)");
		assertThat(new String(this.crlf.error(Problem.MALFORMED, null))).isEqualTo("ERR malformed request");
	}

}
