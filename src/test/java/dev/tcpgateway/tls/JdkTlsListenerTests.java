package dev.tcpgateway.tls;

import org.junit.jupiter.api.BeforeAll;

/** {@link TlsListenerTests} on the JDK's engine ({@code ssl.provider: jdk}). */
class JdkTlsListenerTests extends TlsListenerTests {

	@BeforeAll
	static void start() throws Exception {
		startWith("jdk");
	}

}
