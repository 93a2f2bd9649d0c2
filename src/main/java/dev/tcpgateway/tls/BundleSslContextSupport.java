package dev.tcpgateway.tls;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.integration.ip.tcp.connection.TcpSSLContextSupport;

/**
 * The bridge Spring Integration lacks: its {@link TcpSSLContextSupport} fed from a Spring
 * Boot {@link SslBundle}. When the bundle is reloaded (its files changed, with
 * {@code reload-on-update}), {@link #update} swaps the context, and new connections use
 * the new certificate while open ones keep theirs.
 */
final class BundleSslContextSupport implements TcpSSLContextSupport {

	private volatile SSLContext context;

	private volatile String @Nullable [] protocols;

	private volatile String @Nullable [] ciphers;

	BundleSslContextSupport(SslBundle bundle) {
		this.context = bundle.createSslContext();
		this.protocols = bundle.getOptions().getEnabledProtocols();
		this.ciphers = bundle.getOptions().getCiphers();
	}

	void update(SslBundle bundle) {
		SSLContext updated = bundle.createSslContext();
		this.protocols = bundle.getOptions().getEnabledProtocols();
		this.ciphers = bundle.getOptions().getCiphers();
		this.context = updated;
	}

	@Override
	public SSLContext getSSLContext() {
		return this.context;
	}

	String @Nullable [] protocols() {
		return this.protocols;
	}

	String @Nullable [] ciphers() {
		return this.ciphers;
	}

}
