package dev.tcpgateway.framing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tcpgateway.framing.LengthFieldLayout.ByteOrder;
import dev.tcpgateway.framing.LengthFieldLayout.Encoding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of every framing's deserializer, one target per family
 * of codecs. Each input is read by every codec of its family, frame after frame (see
 * {@link FuzzedReading} for what each read must keep). A plain build replays the corpus
 * in
 * {@code src/test/resources/dev/tcpgateway/framing/FrameCodecFuzzTestsInputs/<target>};
 * {@code JAZZER_FUZZ=1} grows it (README, "Fuzzing").
 */
class FrameCodecFuzzTests {

	/** Small, so that the allocation bound is tight and short inputs reach the limit. */
	static final int MAX_FRAME_SIZE = 256;

	// A new framing is one line in the list of its family; a new family is a list and a
	// target.

	static final List<FuzzedCodec> DELIMITED = List.of(FuzzedCodec.of(Framing.CRLF, RoundTrip.SAME_PAYLOAD),
			FuzzedCodec.of(Framing.LF, RoundTrip.CANONICAL),
			FuzzedCodec.of(Framing.NULL_TERMINATED, RoundTrip.CANONICAL),
			FuzzedCodec.of(Framing.STX_ETX, RoundTrip.CANONICAL),
			// A final 0x1C without its 0x0D at the end of the stream is accepted too.
			FuzzedCodec.of(Framing.MLLP, RoundTrip.SAME_PAYLOAD),
			FuzzedCodec.with(Framing.DELIMITED, "start << end >>\\r\\n",
					FramingOptions.delimited(bytes("<<"), bytes(">>\r\n")), RoundTrip.CANONICAL),
			FuzzedCodec.with(Framing.DELIMITED, "end 0x1C0D", FramingOptions.delimited(new byte[0], bytes("\u001c\r")),
					RoundTrip.CANONICAL));

	static final List<FuzzedCodec> LENGTH_PREFIXED = List.of(
			FuzzedCodec.of(Framing.LENGTH_HEADER_1, RoundTrip.CANONICAL),
			FuzzedCodec.of(Framing.LENGTH_HEADER_2, RoundTrip.CANONICAL),
			FuzzedCodec.of(Framing.LENGTH_HEADER_4, RoundTrip.CANONICAL),
			FuzzedCodec.of(Framing.LENGTH_FIELD, RoundTrip.CANONICAL),
			lengthField("ascii 4 digits", new LengthFieldLayout(0, 4, Encoding.ASCII, ByteOrder.BIG_ENDIAN, 0, false)),
			lengthField("bcd 2 bytes", new LengthFieldLayout(0, 2, Encoding.BCD, ByteOrder.BIG_ENDIAN, 0, false)),
			lengthField("offset 2, 3 bytes little-endian counting itself",
					new LengthFieldLayout(2, 3, Encoding.BINARY, ByteOrder.LITTLE_ENDIAN, -3, false)),
			lengthField("Modbus TCP", new LengthFieldLayout(4, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN, 0, false)),
			lengthField("8 bytes, whole frame, header included",
					new LengthFieldLayout(1, 8, Encoding.BINARY, ByteOrder.BIG_ENDIAN, -9, true)),
			// A message that does not start with a digit is read up to LF instead.
			FuzzedCodec.of(Framing.OCTET_COUNTING, RoundTrip.SAME_PAYLOAD),
			FuzzedCodec.with(Framing.CUSTOM, "the README's type-length-value",
					FramingOptions.custom(new TypeLengthValueFraming()), RoundTrip.CANONICAL));

	static final List<FuzzedCodec> HTTP = List.of(FuzzedCodec.of(Framing.HTTP, RoundTrip.HTTP_ECHO));

	@FuzzTest
	void delimited(byte[] input) throws IOException {
		readWithEach(DELIMITED, input);
	}

	@FuzzTest
	void lengthPrefixed(byte[] input) throws IOException {
		readWithEach(LENGTH_PREFIXED, input);
	}

	/** The HTTP request reader and head parser. */
	@FuzzTest
	void http(byte[] input) throws IOException {
		readWithEach(HTTP, input);
	}

	@Test
	void everyFramingIsFuzzed() {
		assertThat(Stream.of(DELIMITED, LENGTH_PREFIXED, HTTP).flatMap(List::stream).map(FuzzedCodec::framing))
			.as("framings with a fuzz target (add a new one to its family's list above)")
			.containsAll(Arrays.asList(Framing.values()));
	}

	private static FuzzedCodec lengthField(String variant, LengthFieldLayout layout) {
		return FuzzedCodec.with(Framing.LENGTH_FIELD, variant, FramingOptions.lengthField(layout), RoundTrip.CANONICAL);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static void readWithEach(List<FuzzedCodec> codecs, byte[] input) throws IOException {
		for (FuzzedCodec codec : codecs) {
			new FuzzedReading(codec, MAX_FRAME_SIZE, input).readAll();
		}
	}

}
