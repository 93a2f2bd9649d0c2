package dev.tcpgateway.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a
 * block of one. IPv4 clients seen through an IPv6 socket ({@code ::ffff:10.1.2.3}) match
 * IPv4 blocks.
 */
public record Cidr(byte[] network, int prefix) {

	/** Parses a block; throws {@link IllegalArgumentException} with the reason. */
	public static Cidr parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		// Only full literals: the JDK would also read "10.0.0" as 10.0.0.0, a likely
		// typo.
		boolean ipv4 = address.indexOf(':') < 0;
		if (address.isEmpty() || (ipv4 && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))
				|| !address.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
		}
		byte[] bytes;
		try {
			bytes = normalized(InetAddress.ofLiteral(address));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
			}
		}
		return new Cidr(bytes, prefix);
	}

	public boolean contains(InetAddress address) {
		byte[] candidate = normalized(address);
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

	/** The 4 bytes of an IPv4 address, also when it arrives IPv4-mapped in IPv6. */
	private static byte[] normalized(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 16 && isIpv4Mapped(bytes)) {
			try {
				return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return bytes;
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

}
