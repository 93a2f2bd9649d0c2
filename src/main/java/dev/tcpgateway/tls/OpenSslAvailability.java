package dev.tcpgateway.tls;

import io.netty.handler.ssl.OpenSsl;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Whether OpenSSL (BoringSSL, netty-tcnative) loads here: Netty and a native library for
 * this platform on the class path, and the library loading.
 */
final class OpenSslAvailability {

	private static final String OPEN_SSL = "io.netty.handler.ssl.OpenSsl";

	private OpenSslAvailability() {
	}

	/** Null when it loads, else why not (one line). */
	static @Nullable String unavailableBecause() {
		if (!ClassUtils.isPresent(OPEN_SSL, OpenSslAvailability.class.getClassLoader())) {
			return "io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static are not on the class path";
		}
		return NativeLibrary.unavailableBecause();
	}

	/** Apart, so that Netty's classes are loaded only once they are known to be there. */
	private static final class NativeLibrary {

		static @Nullable String unavailableBecause() {
			if (OpenSsl.isAvailable()) {
				return null;
			}
			Throwable cause = OpenSsl.unavailabilityCause();
			return "netty-tcnative does not load on " + System.getProperty("os.name") + "/"
					+ System.getProperty("os.arch") + ((cause != null) ? " (" + cause.getMessage() + ")" : "");
		}

	}

}
