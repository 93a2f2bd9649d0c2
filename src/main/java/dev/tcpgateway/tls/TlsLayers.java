package dev.tcpgateway.tls;

import dev.tcpgateway.config.InvalidListenerConfigurationException;
import dev.tcpgateway.config.ListenerSslProperties;
import dev.tcpgateway.config.ListenerSslProperties.Provider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * Chooses the engine that serves a TLS listener ({@code ssl.provider}) and says which,
 * once, at startup: OpenSSL when asked for or, with {@code auto}, when it loads here;
 * else the JDK's.
 */
public final class TlsLayers {

	private static final Log logger = LogFactory.getLog(TlsLayers.class);

	private TlsLayers() {
	}

	public static TlsLayer forListener(String listener, ListenerSslProperties ssl, SslBundle bundle) {
		Provider provider = ssl.provider();
		String unavailable = (provider != Provider.JDK) ? OpenSslAvailability.unavailableBecause() : null;
		if (provider == Provider.OPENSSL && unavailable != null) {
			throw new InvalidListenerConfigurationException("tcp.listeners." + listener + ".ssl.provider",
					"openssl cannot be used: " + unavailable + "; use auto or jdk (one of auto, jdk, openssl)");
		}
		TlsLayer layer = (provider == Provider.JDK || unavailable != null) ? new JdkTlsLayer(bundle, ssl.clientAuth())
				: new OpenSslTlsLayer(bundle, ssl.clientAuth());
		logger.info("TLS on " + listener + ": " + layer.description()
				+ ((provider == Provider.AUTO && unavailable != null) ? "; OpenSSL not used: " + unavailable : ""));
		return layer;
	}

}
