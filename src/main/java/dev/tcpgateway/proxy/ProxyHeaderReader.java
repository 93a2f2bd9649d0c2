package dev.tcpgateway.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads the PROXY protocol header (haproxy.org's proxy-protocol.txt, versions 1 and 2)
 * from the start of a connection, byte by byte, never past its end, so the first request
 * stays in the stream. Returns the original client's address, or null when the header
 * says the connection's own address stands (v1 {@code UNKNOWN}, v2 {@code LOCAL} or an
 * unspecified family).
 */
public final class ProxyHeaderReader {

	/** Version 1's longest header, CRLF included. */
	static final int V1_MAX_LENGTH = 107;

	/** Addresses and TLVs after the 16 fixed bytes of version 2; more is refused. */
	static final int V2_MAX_BODY = 2048;

	static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private ProxyHeaderReader() {
	}

	public static @Nullable InetSocketAddress read(InputStream in, ProxyProtocol mode) throws IOException {
		int first = next(in);
		if (first == 'P' && (mode == ProxyProtocol.V1 || mode == ProxyProtocol.ANY)) {
			return readV1(in);
		}
		if (first == V2_SIGNATURE[0] && (mode == ProxyProtocol.V2 || mode == ProxyProtocol.ANY)) {
			return readV2(in);
		}
		throw new ProxyProtocolException("no PROXY protocol " + describe(mode) + " header");
	}

	private static @Nullable InetSocketAddress readV1(InputStream in) throws IOException {
		byte[] line = new byte[V1_MAX_LENGTH];
		line[0] = 'P';
		int length = 1;
		while (true) {
			if (length == V1_MAX_LENGTH) {
				throw new ProxyProtocolException("PROXY v1 header longer than " + V1_MAX_LENGTH + " bytes");
			}
			int b = next(in);
			line[length++] = (byte) b;
			if (b == '\n') {
				break;
			}
		}
		if (length < 2 || line[length - 2] != '\r'
				|| !Arrays.equals(line, 0, V1_PREFIX.length, V1_PREFIX, 0, V1_PREFIX.length)) {
			throw new ProxyProtocolException("malformed PROXY v1 header");
		}
		String[] fields = new String(line, V1_PREFIX.length, length - V1_PREFIX.length - 2, StandardCharsets.US_ASCII)
			.split(" ", -1);
		if (fields[0].equals("UNKNOWN")) {
			return null;
		}
		if (fields.length != 5 || !(fields[0].equals("TCP4") || fields[0].equals("TCP6"))) {
			throw new ProxyProtocolException("malformed PROXY v1 header");
		}
		InetAddress source = v1Address(fields[1], fields[0].equals("TCP4"));
		v1Address(fields[2], fields[0].equals("TCP4"));
		int sourcePort = v1Port(fields[3]);
		v1Port(fields[4]);
		return new InetSocketAddress(source, sourcePort);
	}

	private static InetAddress v1Address(String text, boolean ipv4) throws ProxyProtocolException {
		boolean looksRight = ipv4 ? text.matches("\\d{1,3}(\\.\\d{1,3}){3}") : text.matches("[0-9a-fA-F:.]+");
		if (!looksRight) {
			throw new ProxyProtocolException("malformed address in PROXY v1 header");
		}
		try {
			InetAddress address = InetAddress.ofLiteral(text);
			if ((address.getAddress().length == 4) != ipv4) {
				throw new ProxyProtocolException("address family mismatch in PROXY v1 header");
			}
			return address;
		}
		catch (IllegalArgumentException ex) {
			throw new ProxyProtocolException("malformed address in PROXY v1 header");
		}
	}

	/** 0-65535 in decimal without leading zeros, as the specification requires. */
	private static int v1Port(String text) throws ProxyProtocolException {
		if (!text.matches("0|[1-9]\\d{0,4}") || Integer.parseInt(text) > 65535) {
			throw new ProxyProtocolException("malformed port in PROXY v1 header");
		}
		return Integer.parseInt(text);
	}

	private static @Nullable InetSocketAddress readV2(InputStream in) throws IOException {
		for (int i = 1; i < V2_SIGNATURE.length; i++) {
			if (next(in) != (V2_SIGNATURE[i] & 0xFF)) {
				throw new ProxyProtocolException("malformed PROXY v2 signature");
			}
		}
		int versionAndCommand = next(in);
		int familyAndProtocol = next(in);
		int length = (next(in) << 8) | next(in);
		if ((versionAndCommand >> 4) != 2) {
			throw new ProxyProtocolException("PROXY v2 header with version " + (versionAndCommand >> 4));
		}
		int command = versionAndCommand & 0x0F;
		if (command > 1) {
			throw new ProxyProtocolException("PROXY v2 header with unknown command " + command);
		}
		if (length > V2_MAX_BODY) {
			throw new ProxyProtocolException("PROXY v2 header longer than " + V2_MAX_BODY + " bytes");
		}
		byte[] body = in.readNBytes(length);
		if (body.length < length) {
			throw new EOFException("connection ended inside the PROXY v2 header");
		}
		int family = familyAndProtocol >> 4;
		if (command == 0 || family == 0 || family == 3) {
			// LOCAL (the proxy's own health check), unspecified or UNIX: the connection's
			// own address stands.
			return null;
		}
		int addressLength = (family == 1) ? 4 : (family == 2) ? 16 : -1;
		if (addressLength < 0) {
			throw new ProxyProtocolException("PROXY v2 header with unknown address family " + family);
		}
		if (length < 2 * addressLength + 4) {
			throw new ProxyProtocolException("PROXY v2 header too short for its addresses");
		}
		try {
			InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(body, 0, addressLength));
			int sourcePort = ((body[2 * addressLength] & 0xFF) << 8) | (body[2 * addressLength + 1] & 0xFF);
			return new InetSocketAddress(source, sourcePort);
		}
		catch (UnknownHostException ex) {
			throw new ProxyProtocolException("malformed address in PROXY v2 header");
		}
	}

	private static int next(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new EOFException("connection ended inside the PROXY protocol header");
		}
		return b;
	}

	private static String describe(ProxyProtocol mode) {
		return switch (mode) {
			case V1 -> "v1";
			case V2 -> "v2";
			default -> "v1 or v2";
		};
	}

}
