package dev.tcpgateway.config;

import dev.tcpgateway.framing.DelimiterSequence;
import org.jspecify.annotations.Nullable;

/**
 * The byte sequences around each frame of the {@code delimited} framing, written as hex
 * ({@code 0x1C0D}) or text with escapes ({@code \r\n}).
 *
 * @param start the bytes that open each frame; none when unset (bytes before it are
 * malformed)
 * @param end the bytes that close each frame; required
 */
public record DelimitedProperties(@Nullable String start, @Nullable String end) {

	/** The start bytes, none when unset. */
	public byte[] startBytes() {
		return (this.start != null && !this.start.isEmpty()) ? DelimiterSequence.parse(this.start) : new byte[0];
	}

	/** The end bytes; the validator makes sure there are some. */
	public byte[] endBytes() {
		return DelimiterSequence.parse((this.end != null) ? this.end : "");
	}

}
