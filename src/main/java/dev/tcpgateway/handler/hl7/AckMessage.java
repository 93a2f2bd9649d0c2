package dev.tcpgateway.handler.hl7;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Writes an HL7 v2 ACK in the delimiters of the message it answers: MSH, MSA and, unless
 * the message was accepted, ERR; segments ended by CR.
 */
final class AckMessage {

	/** MSA-3 and ERR-8 are 80 characters long in HL7 v2.5. */
	private static final int MAX_TEXT = 80;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);

	/**
	 * MSH-10 of each ACK: unique within the process and, being seeded with the start time
	 * in microseconds, across restarts too; 16 digits, within the 20 HL7 v2.5 allows.
	 */
	private static final AtomicLong controlIds = new AtomicLong(System.currentTimeMillis() * 1000);

	private AckMessage() {
	}

	/**
	 * The ACK to a message with this header (null: none could be read, so the ACK carries
	 * no MSA-2 and HL7's standard delimiters).
	 * @param code MSA-1: {@code AA}, {@code AE} or {@code AR}
	 * @param error what went wrong, for any code but {@code AA}
	 */
	static byte[] write(@Nullable MessageHeader request, String code, @Nullable AckError error) {
		MessageHeader header = (request != null) ? request : MessageHeader.STANDARD;
		String f = String.valueOf(header.fieldSeparator());
		char c = header.componentSeparator();
		String trigger = header.component(9, 2);
		String type = trigger.isEmpty() ? "ACK" : "ACK" + c + trigger + c + "ACK";
		String processing = (request != null) ? header.field(11) : "P";
		String version = (request != null) ? header.field(12) : "2.5";
		StringBuilder ack = new StringBuilder(256);
		ack.append(trimmed(String.join(f, "MSH", header.encodingCharacters(), header.field(5), header.field(6),
				header.field(3), header.field(4), TIMESTAMP.format(OffsetDateTime.now()), "", type,
				Long.toString(controlIds.incrementAndGet()), processing, version, "", "", "", "", "", header.field(18)),
				f))
			.append('\r');
		ack.append("MSA").append(f).append(code).append(f).append(header.field(10));
		if (error != null) {
			String text = header.escape(error.text(), MAX_TEXT);
			ack.append(f).append(text).append('\r');
			ack.append(trimmed(String.join(f, "ERR", "", error.location(c), error.code(c), "E", "", "", "", text), f));
		}
		return ack.append('\r').toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Without trailing empty fields. */
	private static String trimmed(String segment, String separator) {
		String trimmed = segment;
		while (trimmed.endsWith(separator)) {
			trimmed = trimmed.substring(0, trimmed.length() - separator.length());
		}
		return trimmed;
	}

}
