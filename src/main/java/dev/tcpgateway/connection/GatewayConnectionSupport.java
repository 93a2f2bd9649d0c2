package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import dev.tcpgateway.tls.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes Spring Integration's server factory create {@link GatewayConnection}s for one
 * listener.
 */
public final class GatewayConnectionSupport implements TcpNetConnectionSupport {

	private final ConnectionSettings settings;

	public GatewayConnectionSupport(ConnectionSettings settings) {
		this.settings = settings;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		try {
			TlsSettings tls = this.settings.tls();
			Socket connectionSocket = (tls != null) ? tls.layer(socket) : socket;
			return new GatewayConnection(connectionSocket, socket, applicationEventPublisher, connectionFactoryName,
					this.settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
