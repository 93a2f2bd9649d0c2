package dev.tcpgateway.config;

/**
 * A configuration value that cannot work. The message is one line that names the key and
 * says what is allowed, e.g.
 * {@code tcp.listeners.hello.port: 70000 is not a port (0 to 65535)}.
 */
public class InvalidListenerConfigurationException extends RuntimeException {

	private final String key;

	public InvalidListenerConfigurationException(String key, String problem) {
		super(key + ": " + problem);
		this.key = key;
	}

	/** The offending key, e.g. {@code tcp.listeners.hello.port}. */
	public String key() {
		return this.key;
	}

}
