package dev.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.Provider;
import java.security.Security;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.config.ListenerSslProperties.ClientAuth;

import org.springframework.boot.ssl.SslBundle;

/** The JDK's own TLS (JSSE): an {@link SSLSocket} layered over the accepted socket. */
final class JdkTlsLayer implements TlsLayer {

	private final BundleSslContextSupport contexts;

	private final ClientAuth clientAuth;

	JdkTlsLayer(SslBundle bundle, ClientAuth clientAuth) {
		this.contexts = new BundleSslContextSupport(bundle);
		this.clientAuth = clientAuth;
	}

	@Override
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

	@Override
	public void update(SslBundle bundle) {
		this.contexts.update(bundle);
	}

	/**
	 * The TLS provider, and the provider first asked for crypto (ACCP when installed).
	 */
	@Override
	public String description() {
		Provider[] providers = Security.getProviders();
		String crypto = (providers.length > 0) ? providers[0].getName() : "none";
		return "JDK engine (" + this.contexts.getSSLContext().getProvider().getName() + ", crypto first from " + crypto
				+ ")";
	}

}
