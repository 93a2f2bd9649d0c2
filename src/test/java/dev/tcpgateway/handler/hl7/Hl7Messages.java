package dev.tcpgateway.handler.hl7;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.handler.TcpRequest;

/**
 * HL7 v2.5 test messages as a hospital's ADT system sends them, and HAPI, an HL7
 * implementation nobody here wrote, to read the ACKs.
 */
final class Hl7Messages {

	/** An admission (ADT^A01) with HL7's recommended delimiters. */
	static final String ADMISSION = String.join("\r",
			"MSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB, INC.|GOOD HEALTH HOSPITAL|20261201102530||ADT^A01^ADT_A01|MSG00001|P|2.5",
			"EVN|A01|20261201102500",
			"PID|1||PATID1234^^^GOOD HEALTH HOSPITAL^MR~123456789^^^USSSA^SS||EVERYMAN^ADAM^A^III||19610615|M||C|2222 HOME STREET^^GREENSBORO^NC^27401-1020|GL|(555) 555-2004|(555)555-2004||S||PATID12345001^2^M10^ADT1^AN^A|444333333|987654^NC",
			"NK1|1|NUCLEAR^NELDA^W|SPO^SPOUSE||||NK^NEXT OF KIN",
			"PV1|1|I|2000^2012^01||||004777^ATTEND^AARON^A|||SUR||||ADM|A0") + "\r";

	/**
	 * The same admission with delimiters of its own: {@code #} between fields, then
	 * {@code *} component, {@code @} repetition, {@code !} escape, {@code $}
	 * subcomponent.
	 */
	static final String ADMISSION_OWN_DELIMITERS = String.join("\r",
			"MSH#*@!$#CARELINK#KLINIKUM MÜNCHEN*2.16.840.1.113883.19.3*ISO#LABSYS#ST MARY#20261201102530##ADT*A01*ADT_A01#A01-77812#T#2.5######UNICODE UTF-8",
			"EVN#A01#20261201102500", "PID#1##PATID5678***ST MARY*MR##DOE*JANE##19800101#F", "PV1#1#E#ER*01*01") + "\r";

	private Hl7Messages() {
	}

	static TcpRequest request(String message) {
		return request(message.getBytes(StandardCharsets.UTF_8));
	}

	static TcpRequest request(byte[] message) {
		return new TcpRequest("hl7", "connection-1", new InetSocketAddress("127.0.0.1", 40000), Framing.LF, message);
	}

	/** The ACK as HAPI reads it, failing the test when HAPI cannot. */
	static ACK parse(byte[] ack) {
		try {
			return (ACK) new PipeParser().parse(new String(ack, StandardCharsets.UTF_8));
		}
		catch (HL7Exception ex) {
			throw new AssertionError("HAPI cannot read the ACK: " + ex.getMessage(), ex);
		}
	}

}
