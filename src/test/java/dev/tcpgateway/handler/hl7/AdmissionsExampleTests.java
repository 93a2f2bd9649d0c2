package dev.tcpgateway.handler.hl7;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.model.v25.message.ACK;
import dev.tcpgateway.handler.TcpHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's admissions handler: AA once the ward took the message, AE when it could
 * not.
 */
class AdmissionsExampleTests {

	@Test
	void acknowledgesWhatTheWardAdmitted() throws Exception {
		List<byte[]> admitted = new ArrayList<>();
		TcpHandler handler = new AdmissionsExample().admissions(admitted::add);
		ACK ack = Hl7Messages.parse(handler.handle(Hl7Messages.request(Hl7Messages.ADMISSION)).bytes());
		assertThat(admitted).hasSize(1);
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
	}

	@Test
	void answersAnErrorWhenTheWardRefuses() throws Exception {
		TcpHandler handler = new AdmissionsExample().admissions((message) -> {
			throw new AdmissionsExample.UnknownBedException();
		});
		ACK ack = Hl7Messages.parse(handler.handle(Hl7Messages.request(Hl7Messages.ADMISSION)).bytes());
		assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
		assertThat(ack.getERR().getUserMessage().getValue()).isEqualTo("unknown bed");
	}

}
