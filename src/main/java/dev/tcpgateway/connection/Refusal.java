package dev.tcpgateway.connection;

/** Why a connection was refused at accept; {@link #tag()} is the metric tag value. */
public enum Refusal {

	/** The listener holds {@code max-connections} already. */
	MAX_CONNECTIONS("max-connections"),

	/** This client address holds {@code max-connections-per-client} already. */
	MAX_CONNECTIONS_PER_CLIENT("max-connections-per-client"),

	/** Every thread of a {@code platform} executor is serving a connection. */
	MAX_THREADS("max-threads");

	private final String tag;

	Refusal(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
