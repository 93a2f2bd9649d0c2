package dev.tcpgateway.framing;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a listener cuts the byte stream into requests and frames its replies. The names are
 * the values users write in {@code tcp.listeners.<name>.framing}.
 */
public enum Framing {

	/** Lines ended by CRLF; a bare LF is accepted too, so nc and telnet both work. */
	CRLF,

	/** Lines ended by LF. */
	LF,

	/** STX (0x02) + data + ETX (0x03). */
	STX_ETX,

	/** An unsigned 1-byte big-endian length, then that many bytes. */
	LENGTH_HEADER_1,

	/** An unsigned 2-byte big-endian length, then that many bytes. */
	LENGTH_HEADER_2,

	/** A 4-byte big-endian length, then that many bytes. */
	LENGTH_HEADER_4,

	/** Data ended by a NUL (0x00) byte. */
	NULL_TERMINATED,

	/**
	 * HTTP/1.x requests (head and Content-Length body); replies become HTTP responses.
	 */
	HTTP,

	/**
	 * A length field at any offset of a header: binary, ASCII or BCD, either byte order,
	 * with an adjustment (ISO 8583, Modbus TCP); see {@code length-field.*}.
	 */
	LENGTH_FIELD,

	/**
	 * An optional start sequence, the payload, an end sequence, each of any length; see
	 * {@code delimited.*}.
	 */
	DELIMITED,

	/** HL7's Minimal Lower Layer Protocol: 0x0B, payload, 0x1C 0x0D. */
	MLLP,

	/**
	 * Syslog over TCP (RFC 6587): {@code MSG-LEN SP MSG}, or LF-terminated messages.
	 */
	OCTET_COUNTING,

	/** A user's own {@link CustomFraming} bean, named by {@code codec}. */
	CUSTOM;

	/** The spelling used in configuration, e.g. {@code length-header-1}. */
	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The codec for this framing, with every frame bounded by {@code maxFrameSize} bytes.
	 */
	public FrameCodec codec(int maxFrameSize) {
		return codec(maxFrameSize, FramingOptions.NONE);
	}

	/**
	 * The codec for this framing with its settings, every frame bounded by
	 * {@code maxFrameSize} bytes.
	 * @throws IllegalStateException when a framing's required setting is missing
	 */
	public FrameCodec codec(int maxFrameSize, FramingOptions options) {
		return switch (this) {
			case CRLF -> DelimitedCodec.crlf(maxFrameSize);
			case LF -> DelimitedCodec.lf(maxFrameSize);
			case STX_ETX -> DelimitedCodec.stxEtx(maxFrameSize);
			case NULL_TERMINATED -> DelimitedCodec.nullTerminated(maxFrameSize);
			case LENGTH_HEADER_1 -> new LengthHeaderCodec(1, maxFrameSize);
			case LENGTH_HEADER_2 -> new LengthHeaderCodec(2, maxFrameSize);
			case LENGTH_HEADER_4 -> new LengthHeaderCodec(4, maxFrameSize);
			case HTTP -> new HttpCodec(maxFrameSize);
			case LENGTH_FIELD -> new LengthFieldCodec(options.lengthField(), maxFrameSize);
			case DELIMITED -> SequenceDelimitedCodec.delimited(options.start(), required(options.end()), maxFrameSize);
			case MLLP -> SequenceDelimitedCodec.mllp(maxFrameSize);
			case OCTET_COUNTING -> new OctetCountingCodec(maxFrameSize);
			case CUSTOM -> new CustomCodec(required(options.custom()), maxFrameSize);
		};
	}

	private <T> T required(@Nullable T setting) {
		if (setting == null) {
			throw new IllegalStateException("framing " + configName() + " needs its settings");
		}
		return setting;
	}

}
