package dev.tcpgateway.framing;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a length-field frame keeps its length and what the length counts, in the terms of
 * Netty's {@code LengthFieldBasedFrameDecoder}: {@code offset} bytes, the length field,
 * then {@code value + adjustment} bytes.
 *
 * @param offset bytes before the length field (a header the reply copies from the
 * request)
 * @param size the length field's size: 1, 2, 3, 4 or 8 bytes for binary, 1 to 8 digits
 * for ascii, 1 to 8 bytes (2 digits each) for bcd
 * @param encoding how the length is written: binary, ascii (decimal digits) or bcd
 * @param byteOrder big-endian or little-endian (binary only)
 * @param adjustment added to the field's value to give the bytes that follow the field,
 * e.g. -2 for a 2-byte length that counts itself
 * @param includeHeader false: the handler sees the bytes after the length field; true:
 * the whole frame, and returns a whole frame whose length field the server corrects
 */
public record LengthFieldLayout(@DefaultValue("0") int offset, @DefaultValue("2") int size,
		@DefaultValue("binary") Encoding encoding, @DefaultValue("big-endian") ByteOrder byteOrder,
		@DefaultValue("0") int adjustment, @DefaultValue("false") boolean includeHeader) {

	/** Two bytes, big-endian, counting what follows them: the ISO 8583 NAC shape. */
	public static final LengthFieldLayout DEFAULT = new LengthFieldLayout(0, 2, Encoding.BINARY, ByteOrder.BIG_ENDIAN,
			0, false);

	/** The bytes from the start of the frame to the end of the length field. */
	int headerSize() {
		return this.offset + this.size;
	}

	/** The largest value the field can hold. */
	public long capacity() {
		return switch (this.encoding) {
			case BINARY -> (this.size >= 8) ? Long.MAX_VALUE : (1L << (8 * this.size)) - 1;
			case ASCII -> pow10(this.size) - 1;
			case BCD -> pow10(2 * this.size) - 1;
		};
	}

	private static long pow10(int digits) {
		long value = 1;
		for (int i = 0; i < digits; i++) {
			value *= 10;
		}
		return value;
	}

	/** How the length field writes its number. */
	public enum Encoding {

		/** An unsigned binary integer. */
		BINARY,

		/** Decimal digits in ASCII, zero-padded: {@code 0042}. */
		ASCII,

		/** Packed binary-coded decimal, two digits a byte: {@code 0x00 0x42}. */
		BCD

	}

	/** The byte order of a binary length field. */
	public enum ByteOrder {

		BIG_ENDIAN, LITTLE_ENDIAN

	}

}
