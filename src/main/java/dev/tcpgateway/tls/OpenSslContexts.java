package dev.tcpgateway.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import dev.tcpgateway.config.ListenerSslProperties.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * A Netty {@link SslContext} on OpenSSL from a Spring Boot {@link SslBundle}: the key and
 * chain the bundle's key manager serves, its trust store for client certificates, its
 * protocols and ciphers.
 * <p>
 * The key and chain are taken out of the key manager and handed to Netty as such: given a
 * key manager instead, Netty's OpenSSL context would ask it and convert its key into
 * OpenSSL's form on every handshake; given the key, it converts once.
 */
final class OpenSslContexts {

	/** Key types in the order a key manager is asked for one (ECDSA first). */
	private static final String[] KEY_TYPES = { "EC", "RSA", "EdDSA", "RSASSA-PSS" };

	private OpenSslContexts() {
	}

	static SslContext build(SslBundle bundle, ClientAuth clientAuth) {
		X509KeyManager keys = keyManager(bundle);
		String alias = alias(keys);
		PrivateKey key = keys.getPrivateKey(alias);
		X509Certificate[] chain = keys.getCertificateChain(alias);
		if (key == null || chain == null || chain.length == 0) {
			throw new IllegalStateException("the SSL bundle's key store has no key and certificate under " + alias);
		}
		SslOptions options = bundle.getOptions();
		SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
			.sslProvider(SslProvider.OPENSSL_REFCNT)
			.trustManager(bundle.getManagers().getTrustManagerFactory())
			.clientAuth(switch (clientAuth) {
				case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
				case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
				case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
			});
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(Arrays.asList(options.getCiphers()));
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("OpenSSL rejected the SSL bundle: " + ex.getMessage(), ex);
		}
	}

	private static X509KeyManager keyManager(SslBundle bundle) {
		for (KeyManager manager : bundle.getManagers().getKeyManagers()) {
			if (manager instanceof X509KeyManager keys) {
				return keys;
			}
		}
		throw new IllegalStateException("the SSL bundle has no X.509 key manager");
	}

	/** The alias the bundle's key manager would serve (its key.alias, when set). */
	private static String alias(X509KeyManager keys) {
		for (String type : KEY_TYPES) {
			String alias = (keys instanceof X509ExtendedKeyManager extended)
					? extended.chooseEngineServerAlias(type, null, null) : keys.chooseServerAlias(type, null, null);
			if (alias != null) {
				return alias;
			}
		}
		throw new IllegalStateException("the SSL bundle's key store has no server key");
	}

}
