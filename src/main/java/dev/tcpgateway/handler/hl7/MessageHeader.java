package dev.tcpgateway.handler.hl7;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The MSH segment of an HL7 v2 message: its field separator, its encoding characters and
 * its fields as sent. A message names its own delimiters in its first bytes
 * ({@code MSH|^~\&}), so nothing here assumes the usual ones.
 */
final class MessageHeader {

	/** The delimiters HL7 recommends, for an answer to a message without its own. */
	static final MessageHeader STANDARD = new MessageHeader('|', "^~\\&", List.of("MSH", "^~\\&"));

	private static final int MAX_ENCODING_CHARACTERS = 5;

	private final char fieldSeparator;

	private final String encodingCharacters;

	/** The segment split at the field separator: {@code MSH}, MSH-2, MSH-3, ... */
	private final List<String> parts;

	private MessageHeader(char fieldSeparator, String encodingCharacters, List<String> parts) {
		this.fieldSeparator = fieldSeparator;
		this.encodingCharacters = encodingCharacters;
		this.parts = parts;
	}

	/**
	 * The header of a message read as ISO-8859-1 (one char per byte), or null when it
	 * does not start with an MSH segment whose delimiters can be read.
	 */
	static @Nullable MessageHeader parse(String message) {
		int start = 0;
		while (start < message.length() && message.charAt(start) <= ' ') {
			start++;
		}
		if (!message.startsWith("MSH", start) || message.length() < start + 5) {
			return null;
		}
		char separator = message.charAt(start + 3);
		int end = start + 4;
		while (end < message.length() && message.charAt(end) != '\r' && message.charAt(end) != '\n') {
			end++;
		}
		List<String> parts = split(message.substring(start, end), separator);
		String encoding = parts.get(1);
		if (!isDelimiter(separator) || !validEncodingCharacters(encoding, separator)) {
			return null;
		}
		return new MessageHeader(separator, encoding, parts);
	}

	char fieldSeparator() {
		return this.fieldSeparator;
	}

	String encodingCharacters() {
		return this.encodingCharacters;
	}

	char componentSeparator() {
		return this.encodingCharacters.charAt(0);
	}

	/** MSH-{@code number} as sent (MSH-1 is the field separator itself), or "". */
	String field(int number) {
		if (number == 1) {
			return String.valueOf(this.fieldSeparator);
		}
		return (number - 1 < this.parts.size()) ? this.parts.get(number - 1) : "";
	}

	/** One component of MSH-{@code number}, counted from 1, or "". */
	String component(int number, int component) {
		String field = field(number);
		int from = 0;
		for (int i = 1; i < component; i++) {
			from = field.indexOf(componentSeparator(), from) + 1;
			if (from == 0) {
				return "";
			}
		}
		int to = field.indexOf(componentSeparator(), from);
		return field.substring(from, (to < 0) ? field.length() : to);
	}

	/**
	 * Text made safe for a field of this message: its delimiters as HL7 escape sequences
	 * (or spaces, without an escape character), control and non-ASCII characters as
	 * {@code ?}, at most {@code max} characters.
	 */
	String escape(String text, int max) {
		char escape = (this.encodingCharacters.length() > 2) ? this.encodingCharacters.charAt(2) : 0;
		StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
		for (int i = 0; i < text.length() && i < max; i++) {
			char c = text.charAt(i);
			String sequence = escapeSequence(c);
			if (sequence != null) {
				out.append((escape != 0) ? escape + sequence + escape : " ");
			}
			else {
				out.append((c < ' ' || c > '~') ? '?' : c);
			}
		}
		return out.toString();
	}

	private @Nullable String escapeSequence(char c) {
		if (c == this.fieldSeparator) {
			return "F";
		}
		int index = this.encodingCharacters.indexOf(c);
		return switch (index) {
			case 0 -> "S";
			case 1 -> "R";
			case 2 -> "E";
			case 3 -> "T";
			case 4 -> "P";
			default -> null;
		};
	}

	private static List<String> split(String segment, char separator) {
		List<String> parts = new ArrayList<>();
		int from = 0;
		int to;
		while ((to = segment.indexOf(separator, from)) >= 0) {
			parts.add(segment.substring(from, to));
			from = to + 1;
		}
		parts.add(segment.substring(from));
		return parts;
	}

	/** Printable ASCII that is neither a letter, a digit nor a space. */
	private static boolean isDelimiter(char c) {
		return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
	}

	private static boolean validEncodingCharacters(String encoding, char separator) {
		if (encoding.isEmpty() || encoding.length() > MAX_ENCODING_CHARACTERS) {
			return false;
		}
		for (int i = 0; i < encoding.length(); i++) {
			char c = encoding.charAt(i);
			if (!isDelimiter(c) || c == separator || encoding.indexOf(c) != i) {
				return false;
			}
		}
		return true;
	}

}
