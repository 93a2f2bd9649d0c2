package dev.tcpgateway.accept;

/** Why a connection was refused at accept; {@link #tag()} is the metric tag value. */
public enum Refusal {

	/** The listener holds {@code max-connections} already. */
	MAX_CONNECTIONS("max-connections"),

	/** This client address holds {@code max-connections-per-client} already. */
	MAX_CONNECTIONS_PER_CLIENT("max-connections-per-client"),

	/** Every thread of a {@code platform} executor is serving a connection. */
	MAX_THREADS("max-threads"),

	/** The client's address is in {@code deny}, or not in {@code allow}. */
	DENIED("denied"),

	/**
	 * PROXY protocol on, and the connection comes from an address not in
	 * {@code trusted-proxies}.
	 */
	UNTRUSTED_PROXY("untrusted-proxy"),

	/**
	 * PROXY protocol on, and the header was malformed, missing or too slow to arrive.
	 */
	PROXY_HEADER("proxy-header"),

	/**
	 * TLS on, and the handshake failed (plaintext, garbage, a bad or missing client
	 * certificate) or did not complete within handshake-timeout.
	 */
	TLS_HANDSHAKE("tls-handshake");

	private final String tag;

	Refusal(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
