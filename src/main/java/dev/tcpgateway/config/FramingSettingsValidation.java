package dev.tcpgateway.config;

import java.util.Locale;
import java.util.Set;

import dev.tcpgateway.framing.DelimiterSequence;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.LengthFieldLayout;

/**
 * The checks on a framing's own settings ({@code length-field.*}, {@code delimited.*},
 * {@code codec}): combinations that could never frame a request fail startup, naming the
 * key.
 */
final class FramingSettingsValidation {

	private static final Set<Integer> BINARY_SIZES = Set.of(1, 2, 3, 4, 8);

	private static final int MAX_OFFSET = 65535;

	private FramingSettingsValidation() {
	}

	static void validate(String prefix, ListenerProperties listener) {
		switch (listener.framing()) {
			case LENGTH_FIELD ->
				lengthField(prefix + "length-field.", listener.lengthField(), listener.maxFrameSize().toBytes());
			case DELIMITED -> delimited(prefix + "delimited.", listener.delimited());
			case CUSTOM -> {
				if (listener.codec().isBlank()) {
					throw new InvalidListenerConfigurationException(prefix + "codec",
							"is missing; framing custom needs the name of a CustomFraming bean");
				}
			}
			default -> {
			}
		}
		if (listener.framing() != Framing.CUSTOM && !listener.codec().isBlank()) {
			throw new InvalidListenerConfigurationException(prefix + "codec",
					"'" + listener.codec() + "' is set but framing is " + listener.framing().configName()
							+ "; use framing: custom or remove it");
		}
	}

	private static void lengthField(String prefix, LengthFieldLayout layout, long maxFrameSize) {
		if (layout.offset() < 0 || layout.offset() > MAX_OFFSET) {
			throw new InvalidListenerConfigurationException(prefix + "offset",
					layout.offset() + " is out of range; use 0 to " + MAX_OFFSET + " (bytes before the length field)");
		}
		boolean binary = layout.encoding() == LengthFieldLayout.Encoding.BINARY;
		if (binary ? !BINARY_SIZES.contains(layout.size()) : (layout.size() < 1 || layout.size() > 8)) {
			throw new InvalidListenerConfigurationException(prefix + "size",
					layout.size() + " is not allowed for encoding " + name(layout.encoding())
							+ (binary ? "; use 1, 2, 3, 4 or 8 (bytes)" : "; use 1 to 8")
							+ ((layout.encoding() == LengthFieldLayout.Encoding.ASCII) ? " (digits)"
									: binary ? "" : " (bytes of two digits)"));
		}
		if (!binary && layout.byteOrder() != LengthFieldLayout.ByteOrder.BIG_ENDIAN) {
			throw new InvalidListenerConfigurationException(prefix + "byte-order",
					name(layout.byteOrder()) + " applies to encoding binary only; remove it or use encoding: binary");
		}
		// The lengths the field can describe: from adjustment to capacity + adjustment.
		long longest = layout.capacity() + layout.adjustment();
		if (longest < 0 || layout.adjustment() > maxFrameSize) {
			throw new InvalidListenerConfigurationException(prefix + "adjustment", layout.adjustment()
					+ " leaves no frame length from 0 to max-frame-size (" + maxFrameSize
					+ " bytes); use the value to add to the field to give the bytes after it, e.g. -2 for a 2-byte length that counts itself");
		}
	}

	private static void delimited(String prefix, DelimitedProperties delimited) {
		if (delimited.end().isEmpty()) {
			throw new InvalidListenerConfigurationException(prefix + "end",
					"is missing; framing delimited needs the bytes that end a frame, e.g. 0x1C0D or \\r\\n");
		}
		parse(prefix + "start", delimited.start());
		parse(prefix + "end", delimited.end());
	}

	private static void parse(String key, String text) {
		if (text.isEmpty()) {
			return;
		}
		try {
			DelimiterSequence.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidListenerConfigurationException(key,
					ex.getMessage() + "; write bytes as hex (0x1C0D) or text with escapes (\\r\\n)");
		}
	}

	private static String name(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
