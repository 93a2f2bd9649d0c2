package dev.tcpgateway.config;

import dev.tcpgateway.framing.DelimiterSequence;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The byte sequences around each frame of the {@code delimited} framing, written as hex
 * ({@code 0x1C0D}) or text with escapes ({@code \r\n}).
 *
 * @param start the bytes that open each frame; none when unset (bytes before it are
 * malformed)
 * @param end the bytes that close each frame; required
 */
public record DelimitedProperties(@DefaultValue("") String start, @DefaultValue("") String end) {

	/** The start bytes, none when unset. */
	public byte[] startBytes() {
		return this.start.isEmpty() ? new byte[0] : DelimiterSequence.parse(this.start);
	}

	/** The end bytes; the validator makes sure there are some. */
	public byte[] endBytes() {
		return DelimiterSequence.parse(this.end);
	}

}
