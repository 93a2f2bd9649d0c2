package dev.tcpgateway.handler.hl7;

import java.nio.charset.StandardCharsets;

import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.handler.TcpRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * HL7 v2 acknowledgements (original mode) built from the message they answer, for a
 * handler that does its work and then answers:
 *
 * <pre class="code">
 * &#64;Bean
 * TcpHandler admissions(Ward ward) {
 *     return (request) -&gt; {
 *         ward.admit(request.bytes());
 *         return Hl7Acks.accept(request);
 *     };
 * }
 * </pre>
 *
 * The ACK uses the message's own field separator and encoding characters; its MSH swaps
 * sending and receiving application and facility, says {@code ACK^<trigger>^ACK}, has a
 * new MSH-10 and the time of now in MSH-7, and copies MSH-11, MSH-12 and MSH-18; MSA-2 is
 * the message's MSH-10. A message whose MSH cannot be read, or has no MSH-10, is answered
 * {@code AR} with an ERR segment whatever was asked. Segments end with CR, as HL7
 * requires. Fields copied from the message keep their bytes; the text of an error is
 * written in ASCII (other characters become {@code ?}).
 */
public final class Hl7Acks {

	private static final Log logger = LogFactory.getLog(Hl7Acks.class);

	private Hl7Acks() {
	}

	/** {@code MSA|AA}: the message was accepted. */
	public static TcpReply accept(TcpRequest request) {
		return answer(request, "AA", null);
	}

	/**
	 * {@code MSA|AE} with an ERR segment: the message was read but could not be processed
	 * (application error).
	 * @param text why, for people; at most 80 characters are sent
	 */
	public static TcpReply error(TcpRequest request, String text) {
		return answer(request, "AE", AckError.application(text));
	}

	/**
	 * {@code MSA|AR} with an ERR segment: the message is refused (application reject).
	 * @param text why, for people; at most 80 characters are sent
	 */
	public static TcpReply reject(TcpRequest request, String text) {
		return answer(request, "AR", AckError.application(text));
	}

	private static TcpReply answer(TcpRequest request, String code, @Nullable AckError error) {
		MessageHeader header = MessageHeader.parse(new String(request.bytes(), StandardCharsets.ISO_8859_1));
		AckError unreadable = (header == null) ? AckError.NO_HEADER
				: header.field(10).isEmpty() ? AckError.NO_CONTROL_ID : null;
		if (unreadable != null) {
			// The message's content stays out of the log: HL7 carries patient data.
			logger.info(request.listener() + ": HL7 message from " + request.client() + " rejected: "
					+ unreadable.text() + "; answered AR");
			return TcpReply.of(AckMessage.write(header, "AR", unreadable));
		}
		return TcpReply.of(AckMessage.write(header, code, error));
	}

}
