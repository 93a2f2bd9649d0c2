package dev.tcpgateway.framing;

/**
 * Reads and writes the number in a length field, in binary, ASCII digits or BCD. Reading
 * never allocates: the number is checked against {@code max-frame-size} by the caller
 * before the frame's bytes are.
 */
final class LengthFieldValue {

	/** Returned for a field that is not a number (a non-digit, a BCD nibble over 9). */
	static final long MALFORMED = Long.MIN_VALUE;

	private LengthFieldValue() {
	}

	/**
	 * The field's value; negative for a binary 8-byte value too large for a long (larger
	 * than any frame), {@link #MALFORMED} when it is no number.
	 */
	static long decode(LengthFieldLayout layout, byte[] frame, int at) {
		long value = 0;
		for (int i = 0; i < layout.size(); i++) {
			int b = frame[at + i] & 0xFF;
			switch (layout.encoding()) {
				case BINARY -> value = (layout.byteOrder() == LengthFieldLayout.ByteOrder.BIG_ENDIAN) ? (value << 8) | b
						: value | ((long) b << (8 * i));
				case ASCII -> {
					if (b < '0' || b > '9') {
						return MALFORMED;
					}
					value = value * 10 + (b - '0');
				}
				case BCD -> {
					if ((b >>> 4) > 9 || (b & 0x0F) > 9) {
						return MALFORMED;
					}
					value = value * 100 + (b >>> 4) * 10 + (b & 0x0F);
				}
			}
		}
		return value;
	}

	/** Writes {@code value}, which must be within the layout's capacity. */
	static void encode(LengthFieldLayout layout, long value, byte[] frame, int at) {
		long rest = value;
		for (int i = layout.size() - 1; i >= 0; i--) {
			switch (layout.encoding()) {
				case BINARY -> {
					int index = (layout.byteOrder() == LengthFieldLayout.ByteOrder.BIG_ENDIAN) ? i
							: layout.size() - 1 - i;
					frame[at + index] = (byte) rest;
					rest >>>= 8;
				}
				case ASCII -> {
					frame[at + i] = (byte) ('0' + rest % 10);
					rest /= 10;
				}
				case BCD -> {
					frame[at + i] = (byte) (((rest / 10 % 10) << 4) | (rest % 10));
					rest /= 100;
				}
			}
		}
	}

}
