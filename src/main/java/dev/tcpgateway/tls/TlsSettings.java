package dev.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.config.ListenerSslProperties.ClientAuth;

/**
 * How a listener speaks TLS: the SSL context and the bundle's protocols and ciphers,
 * client certificates, and the handshake's time limit.
 */
public record TlsSettings(BundleSslContextSupport contexts, ClientAuth clientAuth, Duration handshakeTimeout) {

	/**
	 * Server-side TLS over an accepted socket. No byte moves here: the handshake happens
	 * on the connection's own thread, never on the accept thread.
	 */
	public SSLSocket layer(Socket accepted) throws IOException {
		SSLSocket socket = (SSLSocket) this.contexts.getSSLContext()
			.getSocketFactory()
			.createSocket(accepted, accepted.getInetAddress().getHostAddress(), accepted.getPort(), true);
		socket.setUseClientMode(false);
		switch (this.clientAuth) {
			case NEED -> socket.setNeedClientAuth(true);
			case WANT -> socket.setWantClientAuth(true);
			case NONE -> {
			}
		}
		String[] protocols = this.contexts.protocols();
		if (protocols != null) {
			socket.setEnabledProtocols(protocols);
		}
		String[] ciphers = this.contexts.ciphers();
		if (ciphers != null) {
			socket.setEnabledCipherSuites(ciphers);
		}
		return socket;
	}

}
