package dev.tcpgateway.handler.hl7;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.segment.ERR;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import org.junit.jupiter.api.Test;

import static dev.tcpgateway.handler.hl7.Hl7Messages.ADMISSION;
import static dev.tcpgateway.handler.hl7.Hl7Messages.ADMISSION_OWN_DELIMITERS;
import static dev.tcpgateway.handler.hl7.Hl7Messages.parse;
import static dev.tcpgateway.handler.hl7.Hl7Messages.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ACKs built from HL7 v2.5 ADT^A01 messages, checked on the wire bytes and read back by
 * HAPI's parser.
 */
class Hl7AcksTests {

	@Test
	void acceptsAnAdmission() throws Exception {
		byte[] bytes = Hl7Acks.accept(request(ADMISSION)).bytes();
		ACK ack = parse(bytes);
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("MSG00001");
		MSH msh = ack.getMSH();
		assertThat(msh.getMessageType().encode()).isEqualTo("ACK^A01^ACK");
		assertThat(msh.getSendingApplication().encode()).isEqualTo("GHH LAB, INC.");
		assertThat(msh.getSendingFacility().encode()).isEqualTo("GOOD HEALTH HOSPITAL");
		assertThat(msh.getReceivingApplication().encode()).isEqualTo("ADT1");
		assertThat(msh.getReceivingFacility().encode()).isEqualTo("GOOD HEALTH HOSPITAL");
		assertThat(msh.getProcessingID().encode()).isEqualTo("P");
		assertThat(msh.getVersionID().encode()).isEqualTo("2.5");
		assertThat(msh.getMessageControlID().getValue()).isNotBlank().isNotEqualTo("MSG00001");
		Instant sent = msh.getDateTimeOfMessage().getTime().getValueAsDate().toInstant();
		assertThat(sent).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
		assertThat(ack.getERRReps()).isZero();
	}

	@Test
	void separatesSegmentsWithCarriageReturnsOnly() {
		String ack = new String(Hl7Acks.accept(request(ADMISSION)).bytes(), StandardCharsets.ISO_8859_1);
		assertThat(ack).startsWith("MSH|^~\\&|GHH LAB, INC.|GOOD HEALTH HOSPITAL|ADT1|GOOD HEALTH HOSPITAL|")
			.contains("|ACK^A01^ACK|")
			.endsWith("|P|2.5\rMSA|AA|MSG00001\r")
			.doesNotContain("\n");
	}

	@Test
	void answersInTheMessagesOwnDelimitersAndKeepsItsBytes() throws Exception {
		byte[] bytes = Hl7Acks.accept(request(ADMISSION_OWN_DELIMITERS)).bytes();
		String ack = new String(bytes, StandardCharsets.UTF_8);
		assertThat(ack).startsWith("MSH#*@!$#LABSYS#ST MARY#CARELINK#KLINIKUM MÜNCHEN*2.16.840.1.113883.19.3*ISO#")
			.contains("#ACK*A01*ACK#")
			.endsWith("#T#2.5######UNICODE UTF-8\rMSA#AA#A01-77812\r");
		ACK parsed = parse(bytes);
		assertThat(parsed.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(parsed.getMSA().getMessageControlID().getValue()).isEqualTo("A01-77812");
		assertThat(parsed.getMSH().getMessageType().getTriggerEvent().getValue()).isEqualTo("A01");
		assertThat(parsed.getMSH().getReceivingFacility().getNamespaceID().getValue()).isEqualTo("KLINIKUM MÜNCHEN");
		assertThat(parsed.getMSH().getProcessingID().encode()).isEqualTo("T");
	}

	@Test
	void givesEveryAckANewControlId() throws Exception {
		String first = parse(Hl7Acks.accept(request(ADMISSION)).bytes()).getMSH().getMessageControlID().getValue();
		String second = parse(Hl7Acks.accept(request(ADMISSION)).bytes()).getMSH().getMessageControlID().getValue();
		assertThat(first).isNotEqualTo(second);
		assertThat(second).hasSizeLessThanOrEqualTo(20);
	}

	@Test
	void readsAMessageWhoseSegmentsEndWithLineFeeds() throws Exception {
		ACK ack = parse(Hl7Acks.accept(request(ADMISSION.replace('\r', '\n'))).bytes());
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
		assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("MSG00001");
	}

	@Test
	void rejectsAMessageWithoutAReadableHeader() throws Exception {
		for (String message : new String[] { "hello", "", "MSH", "MSHA^~\\&A", "MSH||ADT1", "PID|1||PATID1234\r",
				"MSH|^^\\&|duplicate component separator" }) {
			ACK ack = parse(Hl7Acks.accept(request(message)).bytes());
			assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).as(message).isEqualTo("AR");
			assertThat(ack.getMSA().getMessageControlID().getValue()).as(message).isNull();
			ERR err = ack.getERR();
			assertThat(err.getHL7ErrorCode().getIdentifier().getValue()).as(message).isEqualTo("100");
			assertThat(err.getHL7ErrorCode().getNameOfCodingSystem().getValue()).isEqualTo("HL70357");
			assertThat(err.getSeverity().getValue()).isEqualTo("E");
			assertThat(err.getErrorLocation(0).getSegmentID().getValue()).isEqualTo("MSH");
			assertThat(err.getUserMessage().getValue()).contains("MSH");
		}
	}

	@Test
	void rejectsAMessageWithoutAControlId() throws Exception {
		ACK ack = parse(Hl7Acks.accept(request(ADMISSION.replace("|MSG00001|", "||"))).bytes());
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
		assertThat(ack.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("101");
		assertThat(ack.getERR().getErrorLocation(0).getFieldPosition().getValue()).isEqualTo("10");
		assertThat(ack.getMSH().getReceivingApplication().encode()).isEqualTo("ADT1");
	}

	@Test
	void rejectsWithTheHandlersReasonEscaped() throws Exception {
		String reason = "ward 7|B^C unknown ~ see \\admissions\\ & retry";
		ACK ack = parse(Hl7Acks.reject(request(ADMISSION), reason).bytes());
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
		assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("MSG00001");
		assertThat(ack.getMSA().getTextMessage().getValue()).isEqualTo(reason);
		assertThat(ack.getERR().getUserMessage().getValue()).isEqualTo(reason);
		assertThat(ack.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("207");
	}

	@Test
	void answersAnApplicationError() throws Exception {
		ACK ack = parse(Hl7Acks.error(request(ADMISSION_OWN_DELIMITERS), "bed #4 taken*").bytes());
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
		assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("A01-77812");
		assertThat(ack.getERR().getUserMessage().getValue()).isEqualTo("bed #4 taken*");
	}

	@Test
	void keepsTheReasonToOneAsciiLineOfEightyCharacters() {
		String ack = new String(
				Hl7Acks.reject(request(ADMISSION), "line one\r\nzwei: Größe " + "x".repeat(200)).bytes(),
				StandardCharsets.ISO_8859_1);
		String msa = ack.lines().filter((segment) -> segment.startsWith("MSA")).findFirst().orElseThrow();
		assertThat(ack.split("\r")).hasSize(3);
		assertThat(msa).isEqualTo("MSA|AR|MSG00001|line one??zwei: Gr??e " + "x".repeat(80 - 22));
	}

}
