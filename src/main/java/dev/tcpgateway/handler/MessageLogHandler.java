package dev.tcpgateway.handler;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Writes each request to the logger {@code tcp.messages} at INFO and answers nothing:
 * what an engineer points a new device at to see what it sends. One line per request,
 * never longer than the first {@value #MAX_SHOWN_BYTES} bytes allow:
 *
 * <pre>
 * listener=devices client=127.0.0.1:51234 bytes=27 text=$GPRMC,123519,A,4807.038,N\r
 * listener=devices client=127.0.0.1:51234 bytes=4000 shown=1024 hex=7e0100...
 * </pre>
 *
 * Text (UTF-8) is shown with control characters escaped, so an embedded line break cannot
 * start a line of its own; anything that is not UTF-8 is shown as hex.
 */
final class MessageLogHandler implements TcpHandler {

	static final String LOGGER = "tcp.messages";

	static final int MAX_SHOWN_BYTES = 1024;

	private static final Log logger = LogFactory.getLog(LOGGER);

	@Override
	public TcpReply handle(TcpRequest request) {
		if (logger.isInfoEnabled()) {
			logger.info(line(request));
		}
		return TcpReply.none();
	}

	static String line(TcpRequest request) {
		byte[] bytes = request.bytes();
		int shown = Math.min(bytes.length, MAX_SHOWN_BYTES);
		StringBuilder line = new StringBuilder(64 + 2 * shown).append("listener=")
			.append(request.listener())
			.append(" client=")
			.append(request.client())
			.append(" bytes=")
			.append(bytes.length);
		if (shown < bytes.length) {
			line.append(" shown=").append(shown);
		}
		CharBuffer text = utf8(bytes, shown);
		if (text != null) {
			line.append(" text=");
			escape(text, line);
		}
		else {
			line.append(" hex=").append(HexFormat.of().formatHex(bytes, 0, shown));
		}
		return line.toString();
	}

	/**
	 * The first {@code length} bytes as text, or null when they are not UTF-8. A
	 * character cut in two by the limit is left out rather than taken for binary.
	 */
	private static @Nullable CharBuffer utf8(byte[] bytes, int length) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
		CharBuffer out = CharBuffer.allocate(length);
		boolean whole = length == bytes.length;
		CoderResult result = decoder.decode(in, out, whole);
		if (result.isError() || (whole && decoder.flush(out).isError()) || in.remaining() > 3) {
			return null;
		}
		return out.flip();
	}

	private static void escape(CharSequence text, StringBuilder out) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7F) {
						out.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
					}
					else if ((c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
						// C1 controls and the Unicode line separators, which some log
						// viewers break lines at.
						out.append("\\u").append(HexFormat.of().toHexDigits(c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
	}

}
