package dev.tcpgateway.framing;

import org.jspecify.annotations.Nullable;

/**
 * The settings some framings need beyond {@code max-frame-size}.
 *
 * @param lengthField the layout of a {@code length-field} frame
 * @param start the bytes that open a {@code delimited} frame (none when empty)
 * @param end the bytes that close a {@code delimited} frame
 * @param custom the user's framing for {@code custom}
 */
public record FramingOptions(LengthFieldLayout lengthField, byte[] start, byte @Nullable [] end,
		@Nullable CustomFraming custom) {

	/** For the framings that need no settings. */
	public static final FramingOptions NONE = new FramingOptions(LengthFieldLayout.DEFAULT, new byte[0], null, null);

	public static FramingOptions lengthField(LengthFieldLayout layout) {
		return new FramingOptions(layout, new byte[0], null, null);
	}

	public static FramingOptions delimited(byte[] start, byte[] end) {
		return new FramingOptions(LengthFieldLayout.DEFAULT, start, end, null);
	}

	public static FramingOptions custom(CustomFraming custom) {
		return new FramingOptions(LengthFieldLayout.DEFAULT, new byte[0], null, custom);
	}

}
