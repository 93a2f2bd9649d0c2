package dev.tcpgateway.gateway;

import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.connection.OpenConnections;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** A listener that has been started: its configuration, its bound port and its live state. */
public final class ActiveListener {

	private final String name;

	private final ListenerProperties properties;

	private final AbstractServerConnectionFactory connectionFactory;

	private final OpenConnections openConnections;

	ActiveListener(String name, ListenerProperties properties, AbstractServerConnectionFactory connectionFactory,
			OpenConnections openConnections) {
		this.name = name;
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.openConnections = openConnections;
	}

	public String name() {
		return this.name;
	}

	public ListenerProperties properties() {
		return this.properties;
	}

	/** The bound port: the configured one, or the one the system picked for port 0. */
	public int port() {
		return this.connectionFactory.getPort();
	}

	public boolean isListening() {
		return this.connectionFactory.isListening();
	}

	public int openConnections() {
		return this.openConnections.count();
	}

}
