package dev.tcpgateway.framing;

import java.io.IOException;

import dev.tcpgateway.framing.LengthFieldLayout.ByteOrder;
import dev.tcpgateway.framing.LengthFieldLayout.Encoding;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static dev.tcpgateway.framing.FrameReading.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LengthFieldCodecTests {

	private static final Frame.Rejected MALFORMED = new Frame.Rejected(Problem.MALFORMED);

	private static final Frame.Rejected TOO_LARGE = new Frame.Rejected(Problem.FRAME_TOO_LARGE);

	@Test
	void readsBinaryFieldsInEitherByteOrder() throws IOException {
		assertThat(read(layout(0, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0), bytes(0, 2, 'h', 'i'))).isEqualTo("hi");
		assertThat(read(layout(0, 2, Encoding.BINARY, ByteOrder.LITTLE_ENDIAN, 0), bytes(2, 0, 'h', 'i')))
			.isEqualTo("hi");
		assertThat(read(layout(0, 3, Encoding.BINARY, ByteOrder.LITTLE_ENDIAN, 0), bytes(1, 0, 0, 'x'))).isEqualTo("x");
		assertThat(read(layout(0, 8, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0), bytes(0, 0, 0, 0, 0, 0, 0, 1, 'x')))
			.isEqualTo("x");
	}

	@Test
	void readsAsciiAndBcdFields() throws IOException {
		assertThat(read(layout(0, 4, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0), "0002hi".getBytes())).isEqualTo("hi");
		assertThat(read(layout(0, 2, Encoding.BCD, ByteOrder.BIG_ENDIAN, 0),
				bytes(0x00, 0x12, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l')))
			.isEqualTo("abcdefghijkl");
	}

	@Test
	void appliesTheOffsetAndTheAdjustment() throws IOException {
		// Modbus TCP: transaction id, protocol id, then a length counting what follows.
		LengthFieldLayout modbus = layout(4, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0);
		FrameReading reading = FrameReading.of(codec(modbus, 64), bytes(0, 9, 0, 0, 0, 2, 7, 3));
		Frame frame = reading.next();
		assertThat(((LengthFieldFrame) frame).bytes()).isEqualTo(bytes(7, 3));
		assertThat(((LengthFieldFrame) frame).prefix()).isEqualTo(bytes(0, 9, 0, 0));
		// A 2-byte length that counts itself.
		assertThat(read(layout(0, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, -2), bytes(0, 4, 'h', 'i')))
			.isEqualTo("hi");
	}

	@Test
	void includeHeaderHandsOverTheWholeFrame() throws IOException {
		LengthFieldLayout layout = new LengthFieldLayout(1, 1, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0, true);
		assertThat(FrameReading.of(codec(layout, 64), bytes('#', 2, 'h', 'i')).nextText()).isEqualTo("#\u0002hi");
	}

	/**
	 * Found by fuzzing: the handler gets the header too, so max-frame-size bounds header
	 * and body together.
	 */
	@Test
	void includeHeaderCountsTheHeaderAgainstTheLimit() throws IOException {
		LengthFieldLayout layout = new LengthFieldLayout(1, 1, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0, true);
		assertThat(FrameReading.of(codec(layout, 4), bytes('#', 2, 'h', 'i')).nextText()).isEqualTo("#\u0002hi");
		assertThat(FrameReading.of(codec(layout, 4), FrameReading.thenExplode('#', 3)).next()).isEqualTo(TOO_LARGE);
	}

	@Test
	void rejectsNonDigitsBadNibblesAndNegativeLengthsBeforeReadingMore() throws IOException {
		assertThat(FrameReading
			.of(codec(layout(0, 4, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0), 64),
					FrameReading.thenExplode('0', '0', 'x', '1'))
			.next()).isEqualTo(MALFORMED);
		assertThat(FrameReading
			.of(codec(layout(0, 2, Encoding.BCD, ByteOrder.BIG_ENDIAN, 0), 64), FrameReading.thenExplode(0x00, 0x1A))
			.next()).isEqualTo(MALFORMED);
		assertThat(FrameReading
			.of(codec(layout(0, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, -2), 64), FrameReading.thenExplode(0, 1))
			.next()).isEqualTo(MALFORMED);
	}

	@Test
	void rejectsHugeLengthsBeforeReadingOrAllocating() throws IOException {
		LengthFieldLayout eight = layout(0, 8, Encoding.BINARY, ByteOrder.BIG_ENDIAN, -8);
		assertThat(FrameReading
			.of(codec(eight, 64 * 1024), FrameReading.thenExplode(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF))
			.next()).isEqualTo(TOO_LARGE);
		assertThat(FrameReading
			.of(codec(eight, 64 * 1024), FrameReading.thenExplode(0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF))
			.next()).isEqualTo(TOO_LARGE);
		LengthFieldLayout positive = layout(0, 4, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 10);
		assertThat(FrameReading.of(codec(positive, 64), FrameReading.thenExplode(0, 0, 0, 55)).next())
			.isEqualTo(TOO_LARGE);
		assertThat(FrameReading
			.of(codec(layout(0, 4, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0), 64),
					FrameReading.thenExplode('9', '9', '9', '9'))
			.next()).isEqualTo(TOO_LARGE);
	}

	@Test
	void acceptsTheMaximumAndEndsQuietlyInsideAFrame() throws IOException {
		LengthFieldLayout layout = layout(0, 1, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0);
		assertThat(read(layout, 4, bytes(4, 'a', 'b', 'c', 'd'))).isEqualTo("abcd");
		assertThat(FrameReading.of(codec(layout, 4), bytes(5)).next()).isEqualTo(TOO_LARGE);
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(
				() -> FrameReading.of(codec(layout(2, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0), 64), bytes(1, 2, 0))
					.next());
	}

	@Test
	void repliesCopyTheHeaderAndGetTheirLengthWritten() throws IOException {
		LengthFieldLayout modbus = layout(4, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0);
		FrameCodec codec = codec(modbus, 64);
		Frame.Request request = (Frame.Request) FrameReading.of(codec, bytes(0, 9, 0, 0, 0, 2, 7, 3)).next();
		byte[] reply = codec.reply(request, bytes(7, 3, 2, 0, 42), false);
		assertThat(FrameReading.written(codec, reply)).isEqualTo(bytes(0, 9, 0, 0, 0, 5, 7, 3, 2, 0, 42));
		LengthFieldLayout bcd = layout(0, 2, Encoding.BCD, ByteOrder.BIG_ENDIAN, 0);
		assertThat(FrameReading.written(codec(bcd, 64), "x".repeat(123).getBytes())).startsWith(bytes(0x01, 0x23));
		LengthFieldLayout ascii = layout(0, 4, Encoding.ASCII, ByteOrder.BIG_ENDIAN, -4);
		assertThat(new String(FrameReading.written(codec(ascii, 64), "hi".getBytes()))).isEqualTo("0006hi");
		LengthFieldLayout little = layout(0, 3, Encoding.BINARY, ByteOrder.LITTLE_ENDIAN, 0);
		assertThat(FrameReading.written(codec(little, 64), "hi".getBytes())).isEqualTo(bytes(2, 0, 0, 'h', 'i'));
	}

	@Test
	void correctsTheLengthOfAWholeFrameReply() throws IOException {
		LengthFieldLayout layout = new LengthFieldLayout(1, 1, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0, true);
		FrameCodec codec = codec(layout, 64);
		Frame.Request request = (Frame.Request) FrameReading.of(codec, bytes('#', 1, 'x')).next();
		byte[] reply = codec.reply(request, bytes('#', 1, 'a', 'b', 'c'), false);
		assertThat(FrameReading.written(codec, reply)).isEqualTo(bytes('#', 3, 'a', 'b', 'c'));
	}

	@Test
	void refusesRepliesTheFieldCannotDescribe() throws IOException {
		LengthFieldLayout oneDigit = layout(0, 1, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0);
		FrameCodec codec = codec(oneDigit, 64);
		Frame.Request request = (Frame.Request) FrameReading.of(codec, "1x").next();
		byte[] error = codec.reply(request, "ten bytes!".getBytes(), false);
		// Cut to the nine bytes one digit can count, and still framed.
		assertThat(new String(FrameReading.written(codec, error))).isEqualTo("9ERR reply");
	}

	@Test
	void errorsCarryTheRequestsHeader() throws IOException {
		LengthFieldLayout modbus = layout(4, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0);
		FrameCodec codec = codec(modbus, 64);
		Frame.Request request = (Frame.Request) FrameReading.of(codec, bytes(0, 9, 0, 0, 0, 1, 7)).next();
		byte[] written = FrameReading.written(codec, codec.error(Problem.HANDLER_FAILED, request));
		assertThat(written).startsWith(bytes(0, 9, 0, 0, 0, 18)).endsWith("ERR internal error".getBytes());
		assertThat(FrameReading.written(codec, codec.error(Problem.MALFORMED, null))).startsWith(bytes(0, 0, 0, 0));
	}

	@Test
	void pushesHaveZerosBeforeTheFieldAndTheirLengthWritten() throws IOException {
		LengthFieldLayout modbus = layout(4, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0);
		FrameCodec codec = codec(modbus, 64);
		assertThat(FrameReading.written(codec, codec.push(bytes(7, 3)))).isEqualTo(bytes(0, 0, 0, 0, 0, 2, 7, 3));
		LengthFieldLayout oneDigit = layout(0, 1, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0);
		assertThat(codec(oneDigit, 64).push("ten bytes!".getBytes())).isNull();
	}

	private static String read(LengthFieldLayout layout, byte[] bytes) throws IOException {
		return read(layout, 64, bytes);
	}

	private static String read(LengthFieldLayout layout, int maxFrameSize, byte[] bytes) throws IOException {
		return FrameReading.of(codec(layout, maxFrameSize), bytes).nextText();
	}

	private static FrameCodec codec(LengthFieldLayout layout, int maxFrameSize) {
		return Framing.LENGTH_FIELD.codec(maxFrameSize, FramingOptions.lengthField(layout));
	}

	private static LengthFieldLayout layout(int offset, int size, Encoding encoding, ByteOrder order, int adjustment) {
		return new LengthFieldLayout(offset, size, encoding, order, adjustment, false);
	}

}
