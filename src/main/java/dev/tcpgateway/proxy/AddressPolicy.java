package dev.tcpgateway.proxy;

import java.net.InetAddress;
import java.util.List;

/**
 * A listener's {@code allow} and {@code deny} lists: an address is admitted when it is in
 * no deny block and, if there are allow blocks, in one of them. Deny wins.
 */
public record AddressPolicy(List<Cidr> allow, List<Cidr> deny) {

	public static final AddressPolicy OPEN = new AddressPolicy(List.of(), List.of());

	public static AddressPolicy of(List<String> allow, List<String> deny) {
		return new AddressPolicy(allow.stream().map(Cidr::parse).toList(), deny.stream().map(Cidr::parse).toList());
	}

	public boolean admits(InetAddress address) {
		for (Cidr blocked : this.deny) {
			if (blocked.contains(address)) {
				return false;
			}
		}
		if (this.allow.isEmpty()) {
			return true;
		}
		for (Cidr allowed : this.allow) {
			if (allowed.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
