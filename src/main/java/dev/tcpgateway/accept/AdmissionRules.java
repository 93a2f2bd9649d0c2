package dev.tcpgateway.accept;

import java.time.Duration;
import java.util.List;

import dev.tcpgateway.proxy.AddressPolicy;
import dev.tcpgateway.proxy.Cidr;
import dev.tcpgateway.proxy.ProxyProtocol;

/**
 * Who may connect: the allow/deny policy for clients and, when the PROXY protocol is on,
 * the load balancers trusted to send its header and how long it may take. Without the
 * PROXY protocol the policy is applied at accept, before any byte is read; with it, the
 * load balancer is checked at accept and the client once its header has arrived.
 */
public record AdmissionRules(AddressPolicy clients, ProxyProtocol proxyProtocol, List<Cidr> trustedProxies,
		Duration proxyProtocolTimeout) {

	public static final AdmissionRules OPEN = new AdmissionRules(AddressPolicy.OPEN, ProxyProtocol.OFF, List.of(),
			Duration.ZERO);

	boolean isTrustedProxy(java.net.InetAddress address) {
		for (Cidr proxy : this.trustedProxies) {
			if (proxy.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
