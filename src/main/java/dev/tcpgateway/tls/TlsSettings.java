package dev.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

/**
 * How a listener speaks TLS: the engine (with the bundle's key material, protocols,
 * ciphers and client-certificate setting) and the handshake's time limit.
 */
public record TlsSettings(TlsLayer engine, Duration handshakeTimeout) {

	/**
	 * Server-side TLS over an accepted socket. No byte moves here: the handshake happens
	 * on the connection's own thread, never on the accept thread.
	 */
	public SSLSocket layer(Socket accepted) throws IOException {
		return this.engine.layer(accepted);
	}

}
