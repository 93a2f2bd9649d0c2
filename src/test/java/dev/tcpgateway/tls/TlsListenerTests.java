package dev.tcpgateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.accept.Refusal;
import dev.tcpgateway.connection.CloseReason;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.support.TestCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * TLS from a Spring Boot SSL bundle on the default engine ({@code ssl.provider: auto},
 * OpenSSL where it loads; {@link JdkTlsListenerTests} runs the same on the JDK's), with
 * certificates made at test time: both built-in listeners over TLS (Java, curl and
 * openssl clients), client certificates required or optional, and the failures
 * (plaintext, a silent client, no, untrusted or expired client certificates) closed
 * quickly and counted while other clients carry on.
 */
class TlsListenerTests {

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		startWith("auto");
	}

	static void startWith(String provider) throws Exception {
		// A directory per engine: a subclass shares the static temporary directory.
		certificates = TestCertificates.createIn(Files.createTempDirectory(directory, provider));
		String bundle = "--spring.ssl.bundle.jks.server.";
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				bundle + "keystore.location=file:" + certificates.path("server.p12"),
				bundle + "keystore.password=" + TestCertificates.PASSWORD, bundle + "keystore.type=PKCS12",
				bundle + "key.alias=leaf", bundle + "truststore.location=file:" + certificates.path("trust.p12"),
				bundle + "truststore.password=" + TestCertificates.PASSWORD, bundle + "truststore.type=PKCS12",
				"--tcp.listeners.hello.port=0", "--tcp.listeners.hello.ssl.bundle=server",
				"--tcp.listeners.commands.port=0", "--tcp.listeners.commands.ssl.bundle=server",
				"--tcp.listeners.commands.ssl.handshake-timeout=1s", "--tcp.listeners.mutual.port=0",
				"--tcp.listeners.mutual.handler=commands", "--tcp.listeners.mutual.ssl.bundle=server",
				"--tcp.listeners.mutual.ssl.client-auth=need", "--tcp.listeners.optional.port=0",
				"--tcp.listeners.optional.handler=commands", "--tcp.listeners.optional.ssl.bundle=server",
				"--tcp.listeners.optional.ssl.client-auth=want", "--tcp.listeners.timeouts.port=0",
				"--tcp.listeners.timeouts.handler=commands", "--tcp.listeners.timeouts.ssl.bundle=server",
				"--tcp.listeners.timeouts.idle-timeout=1s", "--tcp.listeners.timeouts.frame-timeout=1s",
				"--tcp.listeners.budget.port=0", "--tcp.listeners.budget.handler=commands",
				"--tcp.listeners.budget.ssl.bundle=server", "--tcp.memory.max-buffered=256KB"));
		for (String listener : List.of("hello", "commands", "mutual", "optional", "timeouts", "budget")) {
			arguments.add("--tcp.listeners." + listener + ".ssl.provider=" + provider);
		}
		context = SpringApplication.run(TcpGatewayApplication.class, arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void servesTheHelloListenerOverTls() throws Exception {
		try (SSLSocket socket = connect("hello", null)) {
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200").contains("Hello, World!");
			assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
		}
	}

	@Test
	void curlGetsHelloWorldOverHttps() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
		String output = run(List.of("curl", "-sS", "--max-time", "10", "--cacert",
				certificates.path("ca.pem").toString(), "https://127.0.0.1:" + port("hello") + "/"), null);
		assertThat(output).startsWith("Hello, World!");
	}

	@Test
	void servesTheCommandsListenerOverTls() throws Exception {
		try (SSLSocket socket = connect("commands", null)) {
			assertThat(ask(socket, "PING")).isEqualTo("PONG");
			assertThat(ask(socket, "CLIENT")).isEqualTo("127.0.0.1:" + socket.getLocalPort());
		}
	}

	@Test
	void opensslSClientTalksToTheCommandsListener() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
				"openssl is not installed: apt-get install openssl (CI's .ci/run does)");
		String output = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port("commands"), "-CAfile",
				certificates.path("ca.pem").toString(), "-verify_return_error", "-quiet"), "PING\r\nQUIT\r\n");
		assertThat(output).contains("PONG\r\nBYE\r\n");
	}

	@Test
	void requiresATrustedValidClientCertificateWhenClientAuthIsNeed() throws Exception {
		double refused = refused("mutual");
		try (SSLSocket socket = connect("mutual", "client.p12")) {
			assertThat(ask(socket, "PING")).isEqualTo("PONG");
		}
		for (String keyStore : new String[] { null, "rogue.p12", "expired.p12" }) {
			assertThatException().as(String.valueOf(keyStore)).isThrownBy(() -> {
				try (SSLSocket socket = connect("mutual", keyStore)) {
					ask(socket, "PING");
				}
			});
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> refused("mutual") == refused + 3);
	}

	@Test
	void acceptsClientsWithOrWithoutACertificateWhenClientAuthIsWant() throws Exception {
		try (SSLSocket withCertificate = connect("optional", "client.p12");
				SSLSocket without = connect("optional", null)) {
			assertThat(ask(withCertificate, "PING")).isEqualTo("PONG");
			assertThat(withCertificate.getSession().getLocalCertificates()).isNotEmpty();
			assertThat(ask(without, "PING")).isEqualTo("PONG");
		}
	}

	@Test
	void closesPlaintextAndSilentClientsQuicklyAndCountsThem() throws Exception {
		double refused = refused("commands");
		try (Socket plaintext = new Socket(); Socket silent = new Socket()) {
			plaintext.connect(new InetSocketAddress("127.0.0.1", port("commands")), 5_000);
			plaintext.setSoTimeout(5_000);
			plaintext.getOutputStream().write("PING\r\n".getBytes());
			long start = System.nanoTime();
			assertThat(readToEnd(plaintext.getInputStream())).doesNotContain("PONG");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

			silent.connect(new InetSocketAddress("127.0.0.1", port("commands")), 5_000);
			silent.setSoTimeout(10_000);
			start = System.nanoTime();
			// At most a TLS alert (close_notify), then the end of the stream.
			assertThat(readToEnd(silent.getInputStream()).length()).isLessThan(64);
			// handshake-timeout is 1s on this listener.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
					Duration.ofSeconds(5));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> refused("commands") == refused + 2);
		try (SSLSocket socket = connect("commands", null)) {
			assertThat(ask(socket, "PING")).isEqualTo("PONG");
		}
	}

	/**
	 * A TLS connection keeps the socket timeout for its reads (the sweeper ends plain
	 * reads by shutting the input, which a TLS session would not survive): the idle and
	 * frame timeouts still hold, and the frame-timeout reply still arrives.
	 */
	@Test
	void enforcesIdleAndFrameTimeoutsOverTls() throws Exception {
		double idleClosed = closed("timeouts", CloseReason.IDLE_TIMEOUT);
		try (SSLSocket socket = connect("timeouts", null)) {
			assertThat(ask(socket, "PING")).isEqualTo("PONG");
			long start = System.nanoTime();
			assertThat(readToEnd(socket.getInputStream())).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800),
					Duration.ofSeconds(4));
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> closed("timeouts", CloseReason.IDLE_TIMEOUT) == idleClosed + 1);
		try (SSLSocket socket = connect("timeouts", null)) {
			socket.getOutputStream().write("PI".getBytes(StandardCharsets.US_ASCII));
			assertThat(readToEnd(socket.getInputStream())).isEqualTo("ERR frame timeout\r\n");
		}
	}

	/**
	 * Over tcp.memory.max-buffered, TLS connections holding the most are closed (their
	 * input cannot be shut under the TLS session, so without a reply), and the rest are
	 * served.
	 */
	@Test
	void closesTlsConnectionsOverTheMemoryBudget() throws Exception {
		double closed = closed("budget", CloseReason.MEMORY);
		byte[] partial = new byte[60 * 1024];
		Arrays.fill(partial, (byte) 'x');
		List<SSLSocket> clients = new ArrayList<>();
		try {
			// 64 KB buffers, 65,408 bytes charged each: four fit in 256 KB.
			for (int i = 0; i < 8; i++) {
				SSLSocket client = connect("budget", null);
				client.getOutputStream().write(partial);
				client.getOutputStream().flush();
				clients.add(client);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(closed("budget", CloseReason.MEMORY)).isEqualTo(closed + 4));
			try (SSLSocket fresh = connect("budget", null)) {
				assertThat(ask(fresh, "PING")).isEqualTo("PONG");
			}
		}
		finally {
			for (SSLSocket client : clients) {
				client.close();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> context.getBean(MeterRegistry.class).get("tcp.buffered.bytes").gauge().value() == 0);
	}

	@Test
	void pushesAndNameTakeoversWorkOverTls() throws Exception {
		try (SSLSocket alice = connect("commands", null); SSLSocket bob = connect("commands", null)) {
			assertThat(ask(alice, "LOGIN tls-alice")).isEqualTo("OK");
			assertThat(ask(bob, "LOGIN tls-bob")).isEqualTo("OK");
			assertThat(ask(alice, "SEND tls-bob over TLS")).isEqualTo("SENT");
			assertThat(readLine(bob)).isEqualTo("MSG tls-alice over TLS");
			try (SSLSocket bobAgain = connect("commands", null)) {
				assertThat(ask(bobAgain, "LOGIN tls-bob")).isEqualTo("OK");
				assertThat(readToEnd(bob.getInputStream())).isEmpty();
				assertThat(ask(alice, "SEND tls-bob again")).isEqualTo("SENT");
				assertThat(readLine(bobAgain)).isEqualTo("MSG tls-alice again");
			}
		}
	}

	private static SSLSocket connect(String listener, String keyStore) throws Exception {
		SSLContext client = certificates.clientContext(keyStore);
		SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket();
		socket.connect(new InetSocketAddress("127.0.0.1", port(listener)), 5_000);
		socket.setSoTimeout(5_000);
		socket.startHandshake();
		return socket;
	}

	private static String ask(SSLSocket socket, String command) throws IOException {
		socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
		return readLine(socket);
	}

	static String readLine(SSLSocket socket) throws IOException {
		StringBuilder line = new StringBuilder();
		InputStream in = socket.getInputStream();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("closed by the server");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static String readToEnd(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			// A reset is an end too.
			return "";
		}
	}

	private static double closed(String listener, CloseReason reason) {
		return context.getBean(MeterRegistry.class)
			.get(ListenerMeters.CONNECTIONS_CLOSED)
			.tag("listener", listener)
			.tag("reason", reason.tag())
			.functionCounter()
			.count();
	}

	private static int port(String listener) {
		return Integer
			.parseInt(context.getEnvironment().getRequiredProperty("local.tcp.listeners." + listener + ".port"));
	}

	private static double refused(String listener) {
		return context.getBean(MeterRegistry.class)
			.get(ListenerMeters.CONNECTIONS_REFUSED)
			.tag("listener", listener)
			.tag("limit", Refusal.TLS_HANDSHAKE.tag())
			.functionCounter()
			.count();
	}

	private static String run(List<String> command, String input) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (input != null) {
			process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
			process.getOutputStream().flush();
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as(output).isTrue();
		return output;
	}

}
