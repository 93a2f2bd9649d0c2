package dev.tcpgateway.framing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The custom framing SPI through the README's type-length-value example: the bounds and
 * error handling come from the server, not from the user's code.
 */
class CustomFramingTests {

	private final FrameCodec codec = Framing.CUSTOM.codec(8, FramingOptions.custom(new TypeLengthValueFraming()));

	@Test
	void readsAndWritesFramesOfTheUsersFraming() throws IOException {
		FrameReading reading = FrameReading.of(this.codec, bytes(1, 0, 2, 'h', 'i', 2, 0, 0));
		assertThat(reading.nextText()).isEqualTo("\u0001hi");
		assertThat(reading.nextText()).isEqualTo("\u0002");
		assertThat(FrameReading.written(this.codec, bytes(9, 'o', 'k'))).isEqualTo(bytes(9, 0, 2, 'o', 'k'));
	}

	@Test
	void theReaderRefusesToGoPastMaxFrameSizeBeforeAllocating() throws IOException {
		// 3 header bytes + 5 = 8 is the most; 6 is refused before the value is read.
		assertThat(FrameReading.of(this.codec, bytes(1, 0, 5, 'a', 'b', 'c', 'd', 'e')).nextText()).hasSize(6);
		assertThat(FrameReading.of(this.codec, FrameReading.thenExplode(1, 0, 6)).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		assertThat(FrameReading.of(this.codec, FrameReading.thenExplode(1, 0xFF, 0xFF)).next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void aFrameTheUserCallsMalformedIsRejected() throws IOException {
		assertThat(FrameReading.of(this.codec, FrameReading.thenExplode(0)).next())
			.isEqualTo(new Frame.Rejected(Problem.MALFORMED));
		FrameCodec returnsNull = Framing.CUSTOM.codec(8, FramingOptions.custom(new CustomFraming() {

			@Override
			public byte[] read(BoundedFrameReader in) throws IOException {
				in.readByte();
				return null;
			}

			@Override
			public void write(byte[] reply, java.io.OutputStream out) {
			}

		}));
		assertThat(FrameReading.of(returnsNull, bytes(1)).next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void aFailingFramingAnswersLikeAMalformedFrame() throws IOException {
		FrameCodec failing = Framing.CUSTOM.codec(8, FramingOptions.custom(new CustomFraming() {

			@Override
			public byte[] read(BoundedFrameReader in) throws IOException {
				return new byte[in.readByte() - 'a'];
			}

			@Override
			public void write(byte[] reply, java.io.OutputStream out) {
			}

		}));
		assertThat(FrameReading.of(failing, bytes('A')).next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void aCloseBetweenOrInsideFramesEndsQuietly() {
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(this.codec, new byte[0]).next())
			.withMessageContaining("between frames");
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> FrameReading.of(this.codec, bytes(1, 0, 4, 'a')).next())
			.withMessageContaining("inside a frame");
	}

	@Test
	void errorsGoThroughTheUsersFraming() {
		byte[] error = this.codec.error(Problem.FRAME_TOO_LARGE, null);
		assertThat(FrameReading.written(this.codec, error)).startsWith(bytes('E', 0, 32, 'R', 'R', ' '));
	}

}
