package dev.tcpgateway.protocols;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.MinLLPReader;
import ca.uhn.hl7v2.llp.MinLLPWriter;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAPI's MLLP client against an {@code mllp} listener with the built-in {@code hl7-ack}
 * handler: an ADT^A01 is acknowledged AA with its own control id, which HAPI's initiator
 * needs to match the reply to the request; a malformed message, written and read by
 * HAPI's MLLP writer and reader, gets AR.
 */
@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.hl7.port=0", "tcp.listeners.hl7.framing=mllp",
		"tcp.listeners.hl7.handler=hl7-ack" })
class HapiMllpTests {

	@Value("${local.tcp.listeners.hl7.port}")
	int port;

	@Test
	void anAdmissionIsAcknowledged() throws Exception {
		try (HapiContext context = new DefaultHapiContext()) {
			context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
			ADT_A01 admission = context.newMessage(ADT_A01.class);
			admission.initQuickstart("ADT", "A01", "P");
			admission.getMSH().getSendingApplication().getNamespaceID().setValue("ADMIT");
			admission.getMSH().getSendingFacility().getNamespaceID().setValue("WARD7");
			admission.getMSH().getReceivingApplication().getNamespaceID().setValue("GATEWAY");
			admission.getPID().getPatientName(0).getFamilyName().getSurname().setValue("EVERYMAN");
			admission.getPID().getPatientName(0).getGivenName().setValue("ADAM");
			Connection connection = context.newClient("127.0.0.1", this.port, false);
			try {
				Initiator initiator = connection.getInitiator();
				initiator.setTimeout(10, TimeUnit.SECONDS);
				Message response = initiator.sendAndReceive(admission);
				ACK ack = (ACK) response;
				assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
				assertThat(ack.getMSA().getMessageControlID().getValue())
					.isEqualTo(admission.getMSH().getMessageControlID().getValue());
				assertThat(ack.getMSH().getMessageType().getTriggerEvent().getValue()).isEqualTo("A01");
				assertThat(ack.getMSH().getReceivingApplication().getNamespaceID().getValue()).isEqualTo("ADMIT");
				assertThat(ack.getMSH().getSendingApplication().getNamespaceID().getValue()).isEqualTo("GATEWAY");
			}
			finally {
				connection.close();
			}
		}
	}

	@Test
	void aMalformedMessageIsRejected() throws Exception {
		try (HapiContext context = new DefaultHapiContext(); Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			new MinLLPWriter(socket.getOutputStream(), StandardCharsets.UTF_8)
				.writeMessage("EVERYMAN^ADAM with no message header");
			String reply = new MinLLPReader(socket.getInputStream(), StandardCharsets.UTF_8).getMessage();
			ACK ack = (ACK) context.getPipeParser().parse(reply);
			assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
		}
	}

}
