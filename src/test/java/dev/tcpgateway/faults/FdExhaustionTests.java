package dev.tcpgateway.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.support.ProcessOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Family 10: the server runs out of file descriptors (a child JVM under a low
 * {@code ulimit -n}). Spring Integration's own accept loop would stop the listener for
 * good on the first "Too many open files"; ours logs it once, backs off, and serves again
 * once descriptors are free.
 */
@Tag("slow")
class FdExhaustionTests {

	private static final int DESCRIPTOR_LIMIT = 400;

	private ProcessOutput childOutput;

	private Process child;

	private final List<Socket> clients = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		this.clients.forEach(FdExhaustionTests::closeQuietly);
		if (this.child != null) {
			this.child.destroyForcibly();
		}
	}

	@Test
	void keepsListeningThroughDescriptorExhaustionAndRecovers() throws Exception {
		int port = freePort();
		int managementPort = freePort();
		startChild(port, managementPort);
		await().atMost(Duration.ofSeconds(60)).until(() -> this.childOutput.text().contains("Listening on"));
		assertThat(ping(port)).isEqualTo("PONG\r\n");
		// Connected before the exhaustion: during it, no new connection could reach the
		// actuator.
		Socket health = new Socket();
		health.connect(new InetSocketAddress("127.0.0.1", managementPort), 5_000);
		health.setSoTimeout(1_000);
		this.clients.add(health);
		assertThat(health(health)).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
		// Hold connections until the server cannot accept any more: it has fewer
		// descriptors than we open.
		for (int i = 0; i < DESCRIPTOR_LIMIT + 50; i++) {
			Socket client = new Socket();
			client.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			this.clients.add(client);
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.childOutput.text().contains("cannot accept connections (Too many open files)"));
		assertThat(health(health)).startsWith("HTTP/1.1 503")
			.contains("\"status\":\"DOWN\"")
			.contains("\"acceptFailure\":\"Too many open files\"");
		this.clients.forEach(FdExhaustionTests::closeQuietly);
		this.clients.clear();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ping(port)).isEqualTo("PONG\r\n"));
		// The recovery is logged at the first accept a quiet second after the last
		// failure.
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> ping(port).equals("PONG\r\n")
					&& this.childOutput.text().contains("accepting connections again after"));
		String log = this.childOutput.text();
		assertThat(log.lines().filter((line) -> line.contains("cannot accept connections"))).hasSize(1);
		assertThat(log).doesNotContain("\tat ");
	}

	/**
	 * One health request on a kept-alive connection; the response as text (chunked or
	 * not).
	 */
	private static String health(Socket socket) throws IOException {
		socket.getOutputStream()
			.write("GET /actuator/health/tcp HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		StringBuilder response = new StringBuilder();
		byte[] buffer = new byte[8192];
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && !(response.toString().contains("\"status\"")
				&& (response.toString().endsWith("}") || response.toString().endsWith("0\r\n\r\n")))) {
			try {
				int count = socket.getInputStream().read(buffer);
				if (count < 0) {
					break;
				}
				response.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
			}
			catch (java.net.SocketTimeoutException ex) {
				// Keep waiting until the deadline.
			}
		}
		return response.toString();
	}

	private void startChild(int port, int managementPort) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String command = "ulimit -n " + DESCRIPTOR_LIMIT + " && exec '" + java + "' -cp '"
				+ System.getProperty("java.class.path") + "' " + TcpGatewayApplication.class.getName()
				+ " --tcp.listeners.commands.port=" + port + " --tcp.listeners.commands.bind-address=127.0.0.1"
				+ " --tcp.listeners.hello.enabled=false --server.port=" + managementPort
				+ " --spring.main.banner-mode=off";
		this.child = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		this.childOutput = ProcessOutput.of(this.child);
	}

	private static String ping(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

}
