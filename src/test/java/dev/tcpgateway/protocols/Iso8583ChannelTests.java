package dev.tcpgateway.protocols;

import java.util.Map;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.channel.NCCChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jPOS's own ISO 8583 channels against the README's three presets: ASCIIChannel (4 ASCII
 * digits), NACChannel (2-byte binary length, then a 5-byte TPDU) and NCCChannel (2-byte
 * BCD length, then a TPDU). Each sends a network management request (0800) and must get
 * back, on the same connection, a 0810 with the request's fields.
 */
@GatewayTest
@Import(Iso8583ChannelTests.Echo.class)
@TestPropertySource(properties = { "tcp.listeners.iso-ascii.port=0", "tcp.listeners.iso-ascii.framing=length-field",
		"tcp.listeners.iso-ascii.length-field.size=4", "tcp.listeners.iso-ascii.length-field.encoding=ascii",
		"tcp.listeners.iso-ascii.handler=iso8583Echo", "tcp.listeners.iso-nac.port=0",
		"tcp.listeners.iso-nac.framing=length-field", "tcp.listeners.iso-nac.length-field.size=2",
		"tcp.listeners.iso-nac.handler=iso8583Echo", "tcp.listeners.iso-ncc.port=0",
		"tcp.listeners.iso-ncc.framing=length-field", "tcp.listeners.iso-ncc.length-field.size=2",
		"tcp.listeners.iso-ncc.length-field.encoding=bcd", "tcp.listeners.iso-ncc.handler=iso8583Echo" })
class Iso8583ChannelTests {

	/** A TPDU: id 0x60, destination 0x0001, source 0x0002. */
	private static final byte[] TPDU = { 0x60, 0x00, 0x01, 0x00, 0x02 };

	private static final ISOPackager PACKAGER = new ISO87APackager();

	@Value("${local.tcp.listeners.iso-ascii.port}")
	int asciiPort;

	@Value("${local.tcp.listeners.iso-nac.port}")
	int nacPort;

	@Value("${local.tcp.listeners.iso-ncc.port}")
	int nccPort;

	@Test
	void asciiChannelExchangesMessages() throws Exception {
		exchange(new ASCIIChannel("127.0.0.1", this.asciiPort, PACKAGER));
	}

	@Test
	void nacChannelExchangesMessages() throws Exception {
		exchange(new NACChannel("127.0.0.1", this.nacPort, PACKAGER, TPDU));
	}

	@Test
	void nccChannelExchangesMessages() throws Exception {
		exchange(new NCCChannel("127.0.0.1", this.nccPort, PACKAGER, TPDU));
	}

	private static void exchange(BaseChannel channel) throws Exception {
		channel.setTimeout(10_000);
		channel.connect();
		try {
			for (String trace : new String[] { "000001", "000002" }) {
				ISOMsg request = new ISOMsg("0800");
				request.set(7, "1201143000");
				request.set(11, trace);
				request.set(41, "TERM0001");
				request.set(70, "301");
				channel.send(request);
				ISOMsg response = channel.receive();
				assertThat(response.getMTI()).isEqualTo("0810");
				assertThat(response.getString(11)).isEqualTo(trace);
				assertThat(response.getString(41)).isEqualTo("TERM0001");
				assertThat(response.getString(70)).isEqualTo("301");
			}
		}
		finally {
			channel.disconnect();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Echo {

		private static final Map<String, Integer> HEADER_LENGTHS = Map.of("iso-ascii", 0, "iso-nac", TPDU.length,
				"iso-ncc", TPDU.length);

		/**
		 * Echoes the message with the response MTI: the third MTI digit (the function)
		 * goes from request (0) to response (1). Works on the bytes, so no ISO 8583 code
		 * of ours sits between jPOS and the framing.
		 */
		@Bean
		TcpHandler iso8583Echo() {
			return (request) -> {
				byte[] reply = request.bytes().clone();
				int mti = HEADER_LENGTHS.get(request.listener());
				reply[mti + 2] = '1';
				return TcpReply.of(reply);
			};
		}

	}

}
