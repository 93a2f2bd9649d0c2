package dev.tcpgateway.config;

/**
 * Which threads serve a listener's connections; each connection holds one while it is
 * open.
 */
public enum ExecutorKind {

	/**
	 * A virtual thread per connection: blocking is cheap, the count is bounded by
	 * max-connections.
	 */
	VIRTUAL,

	/**
	 * A bounded pool of max-threads platform threads; connections beyond it are refused.
	 */
	PLATFORM

}
