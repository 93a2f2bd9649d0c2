package dev.tcpgateway.tls;

import java.security.Security;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Puts Amazon Corretto Crypto Provider (AWS-LC in a JCA provider) first in the JDK's
 * provider list when it is on the class path and loads on this platform, so that the
 * JDK's TLS engine ({@code ssl.provider: jdk}, or {@code auto} where OpenSSL does not
 * load) does its signatures, key exchange and ciphers there. Early, before any SSL
 * context exists. The provider list is the whole JVM's: {@code
 * tcp.tls.corretto-crypto-provider: off} leaves it alone.
 */
class CorrettoCryptoProviderInstaller implements EnvironmentPostProcessor {

	static final String KEY = "tcp.tls.corretto-crypto-provider";

	private static final String PROVIDER = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	private final Log logger;

	CorrettoCryptoProviderInstaller(DeferredLogFactory logs) {
		this.logger = logs.getLog(CorrettoCryptoProviderInstaller.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, @Nullable SpringApplication application) {
		// Any value but auto installs nothing; binding tcp.tls later names a bad one.
		if (!"auto".equalsIgnoreCase(environment.getProperty(KEY, "auto").trim())
				|| !ClassUtils.isPresent(PROVIDER, getClass().getClassLoader())) {
			return;
		}
		String outcome = Corretto.install();
		if (outcome != null) {
			this.logger.info(outcome);
		}
	}

	/**
	 * Apart, so that the provider's classes are loaded only once they are known to be
	 * there.
	 */
	private static final class Corretto {

		/** What happened, for the log; null when it was installed already. */
		static @Nullable String install() {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			if (Security.getProvider(provider.getName()) != null) {
				return null;
			}
			Throwable failure = provider.getLoadingError();
			if (failure == null) {
				try {
					provider.assertHealthy();
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
			}
			if (failure != null) {
				return "Amazon Corretto Crypto Provider does not load on " + System.getProperty("os.name") + "/"
						+ System.getProperty("os.arch") + " (" + failure.getMessage()
						+ "); the JDK's own providers serve TLS";
			}
			AmazonCorrettoCryptoProvider.install();
			return "Amazon Corretto Crypto Provider " + provider.getVersionStr() + " (" + provider.getAwsLcVersionStr()
					+ ") is first in the JDK's provider list: the JDK's TLS engine uses it";
		}

	}

}
