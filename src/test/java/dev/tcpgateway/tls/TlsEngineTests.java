package dev.tcpgateway.tls;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each engine ({@code ssl.provider}), asked for by name: the log says it is the one
 * serving; a TLS 1.3 client reconnecting with its session ticket resumes without a full
 * handshake (openssl s_client); and with the PROXY protocol on, the header is read in the
 * clear before the handshake.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsEngineTests {

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	@BeforeAll
	static void certificates() throws Exception {
		certificates = TestCertificates.createIn(directory);
	}

	@ParameterizedTest
	@ValueSource(strings = { "openssl", "jdk" })
	void servesResumesAndReadsTheProxyHeaderFirst(String provider, CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start(provider)) {
			assertThat(output).contains("TLS on commands: "
					+ (provider.equals("openssl") ? "OpenSSL engine (BoringSSL)" : "JDK engine (SunJSSE"));
			assertResumesFromATicket(port(context, "commands"), provider);
			assertReadsTheProxyHeaderBeforeTheHandshake(port(context, "proxied"));
		}
	}

	private static void assertResumesFromATicket(int port, String provider) throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
				"openssl is not installed: apt-get install openssl (CI's .ci/run does)");
		Path session = directory.resolve(provider + ".session");
		String first = sClient(port, "-sess_out", session.toString());
		assertThat(first).contains("New, TLSv1.3").contains("PONG");
		assertThat(session).isNotEmptyFile();
		String second = sClient(port, "-sess_in", session.toString());
		assertThat(second).contains("Reused, TLSv1.3").contains("PONG");
	}

	private static void assertReadsTheProxyHeaderBeforeTheHandshake(int port) throws Exception {
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			plain.setSoTimeout(5_000);
			plain.getOutputStream()
				.write("PROXY TCP4 203.0.113.7 127.0.0.1 40000 1730\r\n".getBytes(StandardCharsets.US_ASCII));
			try (SSLSocket tls = (SSLSocket) certificates.clientContext(null)
				.getSocketFactory()
				.createSocket(plain, "127.0.0.1", port, true)) {
				tls.startHandshake();
				tls.getOutputStream().write("CLIENT\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(TlsListenerTests.readLine(tls)).isEqualTo("203.0.113.7:40000");
			}
		}
	}

	private static String sClient(int port, String... session) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
				"-CAfile", certificates.path("ca.pem").toString(), "-verify_return_error", "-tls1_3"));
		command.addAll(List.of(session));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().write("PING\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
		process.getOutputStream().flush();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(output).isTrue();
		return output;
	}

	private static ConfigurableApplicationContext start(String provider) {
		String bundle = "--spring.ssl.bundle.jks.server.";
		return SpringApplication.run(TcpGatewayApplication.class, "--server.port=0",
				"--tcp.listeners.hello.enabled=false",
				bundle + "keystore.location=file:" + certificates.path("server.p12"),
				bundle + "keystore.password=" + TestCertificates.PASSWORD, bundle + "keystore.type=PKCS12",
				bundle + "key.alias=leaf", "--tcp.listeners.commands.port=0",
				"--tcp.listeners.commands.ssl.bundle=server", "--tcp.listeners.commands.ssl.provider=" + provider,
				"--tcp.listeners.proxied.port=0", "--tcp.listeners.proxied.handler=commands",
				"--tcp.listeners.proxied.ssl.bundle=server", "--tcp.listeners.proxied.ssl.provider=" + provider,
				"--tcp.listeners.proxied.proxy-protocol=v1", "--tcp.listeners.proxied.trusted-proxies=127.0.0.1/32");
	}

	private static int port(ConfigurableApplicationContext context, String listener) {
		return Integer
			.parseInt(context.getEnvironment().getRequiredProperty("local.tcp.listeners." + listener + ".port"));
	}

}
