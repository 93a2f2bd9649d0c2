package dev.tcpgateway.tls;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The listener follows its SSL bundle: a renewed key store reaches new connections
 * without a restart (Spring Boot's reload-on-update), open connections keep theirs; and a
 * bundle that does not exist fails startup with one line naming the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsBundleTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "openssl", "jdk" })
	void aRenewedCertificateReachesNewConnectionsWithoutARestart(String provider) throws Exception {
		TestCertificates certificates = TestCertificates.createIn(this.directory);
		Path live = this.directory.resolve("live.p12");
		Files.copy(certificates.path("server.p12"), live);
		try (ConfigurableApplicationContext context = start(
				"--spring.ssl.bundle.jks.server.keystore.location=file:" + live,
				"--spring.ssl.bundle.jks.server.reload-on-update=true",
				"--spring.ssl.bundle.watch.file.quiet-period=500ms",
				"--tcp.listeners.commands.ssl.provider=" + provider);
				SSLSocket before = connect(certificates, context)) {
			assertThat(subject(before)).contains("CN=localhost");
			Path renewed = certificates.serverCertificate("renewed", "CN=renewed");
			Files.copy(renewed, live, StandardCopyOption.REPLACE_EXISTING);
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				try (SSLSocket after = connect(certificates, context)) {
					assertThat(subject(after)).contains("CN=renewed");
				}
			});
			before.getOutputStream().write("PING\r\n".getBytes());
			InputStream in = before.getInputStream();
			assertThat(new String(in.readNBytes(6))).isEqualTo("PONG\r\n");
		}
	}

	@Test
	void anUnknownBundleFailsStartupWithOneLineNamingTheKey(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> SpringApplication
					.run(TcpGatewayApplication.class, "--server.port=0", "--tcp.listeners.hello.enabled=false",
							"--tcp.listeners.commands.port=0", "--tcp.listeners.commands.ssl.bundle=nope")
					.close());
		assertThat(output).contains("tcp.listeners.commands.ssl.bundle").contains("'nope' is not an SSL bundle");
		assertThat(output.toString()).doesNotContain("\tat ");
	}

	private static ConfigurableApplicationContext start(String... arguments) {
		String[] common = { "--server.port=0", "--tcp.listeners.hello.enabled=false", "--tcp.listeners.commands.port=0",
				"--spring.ssl.bundle.jks.server.keystore.password=" + TestCertificates.PASSWORD,
				"--spring.ssl.bundle.jks.server.keystore.type=PKCS12",
				"--spring.ssl.bundle.jks.server.key.alias=leaf" };
		String[] all = new String[common.length + arguments.length + 1];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(arguments, 0, all, common.length, arguments.length);
		all[all.length - 1] = "--tcp.listeners.commands.ssl.bundle=server";
		return SpringApplication.run(TcpGatewayApplication.class, all);
	}

	private static SSLSocket connect(TestCertificates certificates, ConfigurableApplicationContext context)
			throws Exception {
		int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.tcp.listeners.commands.port"));
		SSLSocket socket = (SSLSocket) certificates.clientContext(null).getSocketFactory().createSocket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		socket.setSoTimeout(5_000);
		socket.startHandshake();
		return socket;
	}

	private static String subject(SSLSocket socket) throws Exception {
		return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
	}

}
