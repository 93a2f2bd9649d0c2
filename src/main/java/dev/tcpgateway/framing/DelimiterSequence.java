package dev.tcpgateway.framing;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The bytes of a {@code delimited.start} or {@code delimited.end} setting, written as hex
 * ({@code 0x1C0D}) or as text with escapes ({@code \r\n}, {@code \t}, {@code \0},
 * {@code \\}, {@code \xHH}).
 */
public final class DelimiterSequence {

	private DelimiterSequence() {
	}

	/**
	 * The bytes {@code text} stands for.
	 * @throws IllegalArgumentException with a one-line reason when it stands for none
	 */
	public static byte[] parse(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("is empty");
		}
		if (text.startsWith("0x") || text.startsWith("0X")) {
			String hex = text.substring(2);
			if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
				throw new IllegalArgumentException("'" + text + "' is not an even number of hex digits after 0x");
			}
			return HexFormat.of().parseHex(hex);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i = escape(text, i, bytes);
			}
			else if (c > 0xFF) {
				throw new IllegalArgumentException("'" + text + "' has a character outside ISO-8859-1");
			}
			else {
				bytes.write(c);
			}
		}
		return bytes.toByteArray();
	}

	/** Writes the escape starting at {@code at}; returns the index of its last char. */
	private static int escape(String text, int at, ByteArrayOutputStream bytes) {
		char next = (at + 1 < text.length()) ? text.charAt(at + 1) : ' ';
		switch (next) {
			case 'r' -> bytes.write('\r');
			case 'n' -> bytes.write('\n');
			case 't' -> bytes.write('\t');
			case '0' -> bytes.write(0);
			case '\\' -> bytes.write('\\');
			case 'x' -> {
				String hex = (at + 4 <= text.length()) ? text.substring(at + 2, at + 4) : "";
				if (hex.length() != 2 || !hex.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
					throw new IllegalArgumentException("'" + text + "' has \\x without two hex digits");
				}
				bytes.write(HexFormat.fromHexDigits(hex));
				return at + 3;
			}
			default -> throw new IllegalArgumentException(
					"'" + text + "' has an unknown escape; use \\r, \\n, \\t, \\0, \\\\ or \\xHH");
		}
		return at + 1;
	}

}
