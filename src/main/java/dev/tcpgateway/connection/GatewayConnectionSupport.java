package dev.tcpgateway.connection;

import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/** Makes Spring Integration's server factory create {@link GatewayConnection}s for one listener. */
public final class GatewayConnectionSupport implements TcpNetConnectionSupport {

	private final OpenConnections openConnections;

	public GatewayConnectionSupport(OpenConnections openConnections) {
		this.openConnections = openConnections;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		return new GatewayConnection(socket, applicationEventPublisher, connectionFactoryName, this.openConnections);
	}

}
