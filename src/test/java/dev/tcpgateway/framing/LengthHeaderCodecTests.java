package dev.tcpgateway.framing;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LengthHeaderCodecTests {

	@Test
	void readsFramesOfEachHeaderSize() throws IOException {
		assertThat(FrameReading.of(Framing.LENGTH_HEADER_1.codec(64), bytes(2, 'h', 'i')).nextText()).isEqualTo("hi");
		assertThat(FrameReading.of(Framing.LENGTH_HEADER_2.codec(64), bytes(0, 2, 'h', 'i')).nextText())
			.isEqualTo("hi");
		FrameReading four = FrameReading.of(Framing.LENGTH_HEADER_4.codec(64),
				bytes(0, 0, 0, 2, 'h', 'i', 0, 0, 0, 0, 0, 0, 0, 1, 'x'));
		assertThat(four.nextText()).isEqualTo("hi");
		assertThat(four.nextText()).isEmpty();
		assertThat(four.nextText()).isEqualTo("x");
	}

	@Test
	void acceptsTheMaximumAndRejectsOneMore() throws IOException {
		FrameCodec codec = Framing.LENGTH_HEADER_2.codec(4);
		assertThat(FrameReading.of(codec, bytes(0, 4, 'a', 'b', 'c', 'd')).nextText()).isEqualTo("abcd");
		assertThat(FrameReading.of(codec, bytes(0, 5)).next()).isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void rejectsHugeLengthsBeforeReadingOrAllocating() throws IOException {
		FrameCodec codec = Framing.LENGTH_HEADER_4.codec(64 * 1024);
		assertThat(FrameReading.of(codec, FrameReading.thenExplode(0x7F, 0xFF, 0xFF, 0xFF)).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		assertThat(FrameReading.of(codec, FrameReading.thenExplode(0xFF, 0xFF, 0xFF, 0xFF)).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void oneByteHeadersAreCappedAt255() {
		assertThat(new String(Framing.LENGTH_HEADER_1.codec(64 * 1024).error(Problem.FRAME_TOO_LARGE, null)))
			.isEqualTo("ERR frame too large (max 255 bytes)");
	}

	@Test
	void truncatedHeaderOrPayloadEndsQuietly() {
		FrameCodec codec = Framing.LENGTH_HEADER_4.codec(64);
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(codec, bytes(0, 0)).next());
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(codec, bytes(0, 0, 0, 5, 'a')).next());
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(codec, new byte[0]).next());
	}

	@Test
	void framesRepliesAndRefusesRepliesTooLongForTheHeader() {
		FrameCodec one = Framing.LENGTH_HEADER_1.codec(64);
		assertThat(FrameReading.written(one, "OK".getBytes())).isEqualTo(bytes(2, 'O', 'K'));
		Frame.Request request = new DataFrame(new byte[0]);
		assertThat(new String(one.reply(request, new byte[300], false)))
			.isEqualTo("ERR reply too large for this framing");
		assertThat(FrameReading.written(Framing.LENGTH_HEADER_4.codec(64), "OK".getBytes()))
			.isEqualTo(bytes(0, 0, 0, 2, 'O', 'K'));
	}

}
