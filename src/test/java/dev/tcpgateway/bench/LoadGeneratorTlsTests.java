package dev.tcpgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's TLS options against real TLS listeners of the server, with
 * certificates made at test time: trust from {@code --ca} only, client certificates, full
 * and resumed handshakes told apart, and the reconnect storm.
 */
class LoadGeneratorTlsTests {

	private static final Pattern HANDSHAKES = Pattern
		.compile("handshakes ([\\d,]+): full ([\\d,]+), resumed ([\\d,]+)");

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		certificates = TestCertificates.createIn(directory);
		exportPem("server.p12", "server");
		exportPem("client.p12", "client");
		exportPem("rogue.p12", "rogue");
		// A PEM bundle, as bench/run gives the server.
		String bundle = "--spring.ssl.bundle.pem.bench.";
		context = SpringApplication.run(TcpGatewayApplication.class, "--server.port=0",
				bundle + "keystore.certificate=file:" + directory.resolve("server.pem"),
				bundle + "keystore.private-key=file:" + directory.resolve("server.key"),
				bundle + "truststore.certificate=file:" + certificates.path("ca.pem"), "--tcp.listeners.hello.port=0",
				"--tcp.listeners.hello.ssl.bundle=bench", "--tcp.listeners.commands.port=0",
				"--tcp.listeners.commands.ssl.bundle=bench", "--tcp.listeners.mutual.port=0",
				"--tcp.listeners.mutual.handler=commands", "--tcp.listeners.mutual.ssl.bundle=bench",
				"--tcp.listeners.mutual.ssl.client-auth=need");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void keepsConnectionsOverTlsWithFullHandshakesOnly() {
		Run run = run(tls("hello", "--framing", "http", "--requests", "400", "--connections", "4"));
		assertThat(run.status()).isZero();
		assertThat(run.output()).contains("over TLS").contains("requests  400 in").contains("errors    0 ");
		assertThat(run.handshakes()).containsExactly(4L, 4L, 0L);
	}

	/**
	 * Without {@code --resume} every new connection makes a full handshake, even though
	 * the server hands out tickets.
	 */
	@Test
	void makesAFullHandshakeForEveryNewConnection() {
		Run run = run(tls("hello", "--framing", "http", "--payload", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
				"--requests", "100", "--connections", "2"));
		assertThat(run.output()).contains("requests  100 in").contains("errors    0 ");
		assertThat(run.handshakes()).containsExactly(100L, 100L, 0L);
	}

	/** The warm-up's requests and handshakes are neither counted nor reported. */
	@Test
	void resumesTheSessionOnEveryReconnect() {
		Run run = run(tls("hello", "--framing", "http", "--resume", "--requests", "100", "--connections", "2",
				"--warm-up", "50"));
		assertThat(run.status()).isZero();
		assertThat(run.output()).contains("requests  100 in").contains("errors    0 ").contains("TLSv1.3");
		long[] handshakes = run.handshakes();
		assertThat(handshakes[0]).isEqualTo(100);
		assertThat(handshakes[2]).isGreaterThan(handshakes[1]);
	}

	@Test
	void presentsAClientCertificateOverALineFraming() {
		Run run = run(tls("mutual", "--cert", directory.resolve("client.pem").toString(), "--key",
				directory.resolve("client.key").toString(), "--requests", "200", "--connections", "2"));
		assertThat(run.status()).isZero();
		assertThat(run.output()).contains("requests  200 in").contains("errors    0 ");
		Run without = run(tls("mutual", "--requests", "20", "--connections", "2"));
		assertThat(without.output()).contains("requests  0 in").contains("errors    20 ");
	}

	@Test
	void failsTheRunWhenTheServersCertificateIsNotSignedByTheCa() {
		Run run = run("--port", port("commands"), "--tls", "--ca", directory.resolve("rogue.pem").toString(),
				"--duration", "30s");
		assertThat(run.status()).isEqualTo(1);
		assertThat(run.output()).contains("the server's certificate is not trusted");
	}

	@Test
	void refusesTlsWithoutACa() {
		Run run = run("--port", port("commands"), "--tls", "--requests", "1");
		assertThat(run.status()).isEqualTo(2);
		assertThat(run.output()).contains("give --ca <pem> with --tls");
		assertThat(run("--port", port("commands"), "--resume", "--requests", "1").output())
			.contains("--resume needs --tls");
	}

	/** The warm-up's handshakes are not counted with the storm's. */
	@Test
	void aStormOfTlsClientsAllGetTheirReply() {
		Run run = run(tls("hello", "--framing", "http", "--storm", "200", "--warm-up", "20"));
		assertThat(run.status()).isZero();
		assertThat(run.output()).contains("warm-up   20 connections, not timed (0 failed)")
			.contains("storm     200 clients: 200 replied")
			.contains("failed    0 (refused 0, timed out 0, other 0)")
			.containsPattern("p50 [\\d.]+ ms   p99 [\\d.]+ ms");
		assertThat(run.handshakes()).containsExactly(200L, 200L, 0L);
	}

	@Test
	void aStormCountsRefusedClientsAndFails() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		Run run = run("--port", String.valueOf(closed), "--storm", "20");
		assertThat(run.status()).isEqualTo(1);
		assertThat(run.output()).contains("20 clients: 0 replied")
			.contains("failed    20 (refused 20,")
			.contains("the first: ConnectException");
	}

	private static String[] tls(String listener, String... more) {
		List<String> args = new ArrayList<>(
				List.of("--port", port(listener), "--tls", "--ca", certificates.path("ca.pem").toString()));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private static String port(String listener) {
		return context.getEnvironment().getRequiredProperty("local.tcp.listeners." + listener + ".port");
	}

	/**
	 * Writes the store's certificate chain and private key as {@code <name>.pem} and
	 * {@code <name>.key}.
	 */
	private static void exportPem(String store, String name) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(certificates.path(store))) {
			keys.load(in, TestCertificates.PASSWORD.toCharArray());
		}
		StringBuilder chain = new StringBuilder();
		for (Certificate certificate : keys.getCertificateChain("leaf")) {
			chain.append(pem("CERTIFICATE", certificate.getEncoded()));
		}
		Files.writeString(directory.resolve(name + ".pem"), chain);
		Files.writeString(directory.resolve(name + ".key"),
				pem("PRIVATE KEY", keys.getKey("leaf", TestCertificates.PASSWORD.toCharArray()).getEncoded()));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static Run run(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int status = LoadGenerator.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return new Run(status, bytes.toString(StandardCharsets.UTF_8));
	}

	private record Run(int status, String output) {

		/** All, full and resumed handshakes, as the tls line reports them. */
		long[] handshakes() {
			Matcher matcher = HANDSHAKES.matcher(this.output);
			assertThat(matcher.find()).as(this.output).isTrue();
			return new long[] { number(matcher.group(1)), number(matcher.group(2)), number(matcher.group(3)) };
		}

		private static long number(String digits) {
			return Long.parseLong(digits.replace(",", ""));
		}

	}

}
