package dev.tcpgateway.proxy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The decoder against the examples of haproxy.org's proxy-protocol.txt and malformed
 * headers; it never reads past the header.
 */
class ProxyHeaderReaderTests {

	@Test
	void readsTheSpecificationsV1Examples() throws IOException {
		assertThat(read("PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\nPING", ProxyProtocol.V1))
			.isEqualTo(new InetSocketAddress("255.255.255.255", 65535));
		assertThat(
				read("PROXY TCP6 ffff:f...:ffff".replace("f...", "ffff:ffff:ffff:ffff:ffff:ffff") + " ::1 65535 80\r\n",
						ProxyProtocol.V1))
			.isEqualTo(new InetSocketAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535));
		assertThat(read("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n", ProxyProtocol.ANY))
			.isEqualTo(new InetSocketAddress("192.168.0.1", 56324));
		assertThat(read("PROXY UNKNOWN\r\n", ProxyProtocol.V1)).isNull();
		assertThat(read("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n", ProxyProtocol.V1)).isNull();
	}

	@Test
	void leavesTheFirstRequestInTheStream() throws IOException {
		InputStream in = new ByteArrayInputStream(
				"PROXY TCP4 10.0.0.1 10.0.0.2 1000 2000\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
		ProxyHeaderReader.read(in, ProxyProtocol.V1);
		assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("PING\r\n");
		InputStream binary = new ByteArrayInputStream(concat(v2(0x21, 0x11, ipv4Body()), "PING".getBytes()));
		ProxyHeaderReader.read(binary, ProxyProtocol.V2);
		assertThat(new String(binary.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("PING");
	}

	@Test
	void acceptsAV1HeaderOfExactly107Bytes() throws IOException {
		String longest = "PROXY UNKNOWN " + "x".repeat(107 - "PROXY UNKNOWN ".length() - 2) + "\r\n";
		assertThat(longest).hasSize(107);
		assertThat(read(longest, ProxyProtocol.V1)).isNull();
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> read(longest.replace("\r\n", "x\r\n"), ProxyProtocol.V1))
			.withMessageContaining("longer than 107");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n", "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",
			"PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n", "PROXY TCP4 ::1 ::1 1 2\r\n", "PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n",
			"PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n", "PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n",
			"PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n", "PROXY TCP4 1.2.3.999 5.6.7.8 1 2\r\n",
			"PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\r\n",
			"PROXYTCP4 1.2.3.4 5.6.7.8 1 2\r\n", "GET / HTTP/1.1\r\n", "PING\r\n" })
	void refusesMalformedV1Headers(String header) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> read(header, ProxyProtocol.V1));
	}

	@Test
	void readsV2ForIpv4Ipv6AndLocal() throws IOException {
		assertThat(ProxyHeaderReader.read(new ByteArrayInputStream(v2(0x21, 0x11, ipv4Body())), ProxyProtocol.V2))
			.isEqualTo(new InetSocketAddress("192.168.0.1", 56324));
		ByteBuffer ipv6 = ByteBuffer.allocate(36);
		ipv6.put(new byte[] { 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
		ipv6.put(new byte[16]).putShort((short) 40000).putShort((short) 443);
		assertThat(ProxyHeaderReader.read(new ByteArrayInputStream(v2(0x21, 0x21, ipv6.array())), ProxyProtocol.ANY))
			.isEqualTo(new InetSocketAddress("2001:db8::1", 40000));
		// LOCAL: the balancer's own health check; the connection's address stands.
		assertThat(ProxyHeaderReader.read(new ByteArrayInputStream(v2(0x20, 0x00, new byte[0])), ProxyProtocol.V2))
			.isNull();
		// UNSPEC family with PROXY: likewise.
		assertThat(ProxyHeaderReader.read(new ByteArrayInputStream(v2(0x21, 0x00, new byte[0])), ProxyProtocol.V2))
			.isNull();
	}

	@Test
	void skipsV2TlvsAfterTheAddresses() throws IOException {
		byte[] tlv = { 0x04, 0x00, 0x03, 'a', 'b', 'c' };
		InputStream in = new ByteArrayInputStream(concat(v2(0x21, 0x11, concat(ipv4Body(), tlv)), "X".getBytes()));
		assertThat(ProxyHeaderReader.read(in, ProxyProtocol.V2)).isEqualTo(new InetSocketAddress("192.168.0.1", 56324));
		assertThat(in.read()).isEqualTo('X');
	}

	@Test
	void refusesMalformedV2Headers() {
		byte[] good = v2(0x21, 0x11, ipv4Body());
		byte[] badSignature = good.clone();
		badSignature[5] = 0x00;
		byte[] version1 = good.clone();
		version1[12] = 0x11;
		byte[] unknownCommand = good.clone();
		unknownCommand[12] = 0x22;
		byte[] unknownFamily = good.clone();
		unknownFamily[13] = 0x41;
		byte[] tooShort = v2(0x21, 0x11, new byte[6]);
		byte[] oversized = v2(0x21, 0x11, new byte[ProxyHeaderReader.V2_MAX_BODY + 1]);
		for (byte[] header : new byte[][] { badSignature, version1, unknownCommand, unknownFamily, tooShort,
				oversized }) {
			assertThatExceptionOfType(ProxyProtocolException.class)
				.isThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(header), ProxyProtocol.V2));
		}
		byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(truncated), ProxyProtocol.V2));
	}

	@Test
	void requiresTheConfiguredVersion() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> read("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n", ProxyProtocol.V2));
		assertThatExceptionOfType(ProxyProtocolException.class).isThrownBy(
				() -> ProxyHeaderReader.read(new ByteArrayInputStream(v2(0x21, 0x11, ipv4Body())), ProxyProtocol.V1));
	}

	private static InetSocketAddress read(String header, ProxyProtocol mode) throws IOException {
		return ProxyHeaderReader.read(new ByteArrayInputStream(header.getBytes(StandardCharsets.US_ASCII)), mode);
	}

	/** 192.168.0.1:56324 -> 192.168.0.11:443 */
	private static byte[] ipv4Body() {
		return ByteBuffer.allocate(12)
			.put(new byte[] { (byte) 192, (byte) 168, 0, 1 })
			.put(new byte[] { (byte) 192, (byte) 168, 0, 11 })
			.putShort((short) 56324)
			.putShort((short) 443)
			.array();
	}

	static byte[] v2(int versionAndCommand, int familyAndProtocol, byte[] body) {
		return ByteBuffer.allocate(16 + body.length)
			.put(ProxyHeaderReader.V2_SIGNATURE)
			.put((byte) versionAndCommand)
			.put((byte) familyAndProtocol)
			.putShort((short) body.length)
			.put(body)
			.array();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
	}

}
