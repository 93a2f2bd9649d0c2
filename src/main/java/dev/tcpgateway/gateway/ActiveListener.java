package dev.tcpgateway.gateway;

import dev.tcpgateway.accept.OpenConnections;
import dev.tcpgateway.accept.PreboundSocketFactorySupport;
import dev.tcpgateway.config.ListenerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A listener that has been started: its configuration, its bound port and its live state.
 */
public final class ActiveListener {

	private final String name;

	private final ListenerProperties properties;

	private final AbstractServerConnectionFactory connectionFactory;

	private final OpenConnections connections;

	private final PreboundSocketFactorySupport sockets;

	private final RequestLimiter limiter;

	ActiveListener(String name, ListenerProperties properties, AbstractServerConnectionFactory connectionFactory,
			OpenConnections connections, PreboundSocketFactorySupport sockets, RequestLimiter limiter) {
		this.limiter = limiter;
		this.name = name;
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.connections = connections;
		this.sockets = sockets;
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

	/**
	 * Listening, and accepting: false while accepts fail (descriptor exhaustion, say).
	 */
	public boolean isListening() {
		return this.connectionFactory.isListening() && this.sockets.acceptFailure() == null;
	}

	/** The error that makes accepts fail right now, or null. */
	public @Nullable String acceptFailure() {
		return this.sockets.acceptFailure();
	}

	/** The last accept error with its time, kept after accepts recover; null if none. */
	public @Nullable String lastAcceptFailure() {
		return this.sockets.lastAcceptFailure();
	}

	/** Requests in the handler now. */
	public int inFlight() {
		return this.limiter.inFlight();
	}

	/** max-concurrent-requests; 0 for no limit. */
	public int maxConcurrentRequests() {
		return this.limiter.maxConcurrent();
	}

	/** Connections refused at accept in the last minute, whatever the limit. */
	public long refusedInLastMinute() {
		return this.connections.refusedInLastMinute();
	}

	public int openConnections() {
		return this.connections.count();
	}

	/**
	 * The most connections the listener holds at once (smaller than max-connections with
	 * a platform pool).
	 */
	public int maxConnections() {
		return this.connections.max();
	}

}
