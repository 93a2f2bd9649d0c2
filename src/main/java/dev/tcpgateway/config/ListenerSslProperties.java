package dev.tcpgateway.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS for one listener, from a Spring Boot SSL bundle ({@code spring.ssl.bundle.jks.*} or
 * {@code spring.ssl.bundle.pem.*}); without a bundle the listener is plaintext.
 *
 * @param bundle the SSL bundle with the server's key and certificate (and, for client
 * certificates, the trust store); its protocols and ciphers apply
 * @param clientAuth whether clients present certificates: none, want (asked, optional) or
 * need (required, checked against the bundle's trust store)
 * @param handshakeTimeout how long a client may take to complete the TLS handshake
 * @param provider the TLS engine: auto (OpenSSL when it loads on this platform, else the
 * JDK's), jdk, or openssl
 */
public record ListenerSslProperties(@Nullable String bundle, @DefaultValue("none") ClientAuth clientAuth,
		@DefaultValue("10s") Duration handshakeTimeout, @DefaultValue("auto") Provider provider) {

	public boolean enabled() {
		return this.bundle != null && !this.bundle.isBlank();
	}

	/** Whether the server asks clients for a certificate. */
	public enum ClientAuth {

		NONE, WANT, NEED

	}

	/** The TLS engine that serves the listener. */
	public enum Provider {

		/** OpenSSL when it loads on this platform, else the JDK's. */
		AUTO,

		/** The JDK's own (JSSE). */
		JDK,

		/** OpenSSL (BoringSSL, through Netty's netty-tcnative). */
		OPENSSL

	}

}
