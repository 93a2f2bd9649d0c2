package dev.tcpgateway.proxy;

/**
 * Which PROXY protocol header a listener requires before the first request: none, the
 * text one (v1), the binary one (v2), or either. The header is never guessed at: when it
 * is off, a client sending one gets it treated as an ordinary request, as the
 * specification demands.
 */
public enum ProxyProtocol {

	OFF, V1, V2, ANY;

	public boolean enabled() {
		return this != OFF;
	}

}
