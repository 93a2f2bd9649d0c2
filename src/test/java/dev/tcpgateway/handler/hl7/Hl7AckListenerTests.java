package dev.tcpgateway.handler.hl7;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import ca.uhn.hl7v2.model.v25.message.ACK;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static dev.tcpgateway.handler.hl7.Hl7Messages.ADMISSION;
import static dev.tcpgateway.handler.hl7.Hl7Messages.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in {@code hl7-ack} handler behind a listener (named in YAML with its hyphen):
 * each message on a connection gets its ACK, a malformed one gets AR and leaves the
 * connection working, and no message content reaches the log.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "tcp.listeners.hl7.port=0", "tcp.listeners.hl7.handler=hl7-ack",
		"tcp.listeners.hl7.framing=length-header-4" })
class Hl7AckListenerTests {

	@Value("${local.tcp.listeners.hl7.port}")
	int port;

	@Test
	void acknowledgesEachMessageOnAConnection(CapturedOutput output) throws Exception {
		try (RawClient client = RawClient.connect(this.port)) {
			ACK first = exchange(client, ADMISSION);
			ACK rejected = exchange(client, "EVERYMAN^ADAM without a header");
			ACK second = exchange(client, ADMISSION.replace("|MSG00001|", "|MSG00002|"));
			assertThat(first.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
			assertThat(first.getMSA().getMessageControlID().getValue()).isEqualTo("MSG00001");
			assertThat(rejected.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
			assertThat(second.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
			assertThat(second.getMSA().getMessageControlID().getValue()).isEqualTo("MSG00002");
		}
		assertThat(output.toString().lines().filter((line) -> line.contains("HL7 message from 127.0.0.1:")))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("hl7: HL7 message from")
			.contains("answered AR");
		assertThat(output).doesNotContain("EVERYMAN");
	}

	private static ACK exchange(RawClient client, String message) {
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		client.send(ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array());
		int length = ByteBuffer.wrap(client.readBytes(4)).getInt();
		return parse(client.readBytes(length));
	}

}
