package dev.tcpgateway.scaleout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tcpgateway.support.ChildProcesses;
import dev.tcpgateway.support.ChildServer;
import dev.tcpgateway.support.HaproxyProcess;
import dev.tcpgateway.support.WrkLoad;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances behind a real HAProxy, configured by the shipped
 * {@code ops/haproxy/haproxy.cfg}: clients from 127.0.0.2 ask {@code CLIENT} through it
 * without pause, one connection per request, and wrk keeps 50 HTTP/1.1 connections alive
 * on the {@code hello} listener across the graceful stop. A graceful stop of one instance
 * (SIGTERM) mid-load fails no request of either; after a SIGKILL, HAProxy marks the
 * instance down within its check interval and the failures are bounded by the requests in
 * flight; and every reply shows the client's own address, carried by the PROXY protocol
 * (v2).
 */
@Tag("slow")
class HaproxyScaleOutTests {

	private static final String CLIENT_ADDRESS = "127.0.0.2";

	private static final int CLIENTS = 8;

	private static final int HTTP_CONNECTIONS = 50;

	private static final Pattern DRAINED = Pattern.compile("Drained every connection in (\\d+) ms");

	@AutoClose
	private final ChildProcesses processes = new ChildProcesses();

	@Test
	void drainsGracefullyAndFailsOverBehindHaproxy() throws Exception {
		Assumptions.assumeTrue(HaproxyProcess.isInstalled(),
				"haproxy is not installed: apt-get install haproxy (CI's .ci/run does)");
		Assumptions.assumeTrue(WrkLoad.isInstalled(), "wrk is not installed: apt-get install wrk (CI's .ci/run does)");
		Instance first = new Instance(ChildServer.freePort(), ChildServer.freePort(), ChildServer.freePort());
		Instance second = new Instance(ChildServer.freePort(), ChildServer.freePort(), ChildServer.freePort());
		ChildServer firstServer = first.start();
		ChildServer secondServer = second.start();
		int frontendCommands = ChildServer.freePort();
		int frontendHello = ChildServer.freePort();
		Map<String, String> environment = new HashMap<>();
		environment.put("FRONTEND_ADDRESS", "127.0.0.1");
		environment.put("FRONTEND_HELLO_PORT", String.valueOf(frontendHello));
		environment.put("FRONTEND_COMMANDS_PORT", String.valueOf(frontendCommands));
		environment.putAll(first.haproxyEnvironment("GATEWAY_1"));
		environment.putAll(second.haproxyEnvironment("GATEWAY_2"));
		HaproxyProcess haproxy = HaproxyProcess.start(environment, frontendCommands);
		this.processes.add(haproxy);

		// A cold JVM can answer its first health checks slowly; start once HAProxy routes
		// to the instances steadily, so that what follows measures stops and kills only.
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> servedInARow(frontendCommands, 20));
		try (Load load = Load.start(frontendCommands)) {
			// Both instances take a share of the traffic.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> first.opened("commands") > 20 && second.opened("commands") > 20);
			assertThat(load.failures()).as(load.failureLog() + haproxy.output()).isZero();

			// 1. Graceful stop mid-load: readiness goes 503, HAProxy marks the instance
			// down, the instance drains and exits; no request fails, neither a new
			// connection's nor one on a connection wrk keeps alive.
			WrkLoad.Summary http;
			long failuresBefore = load.failures();
			long stopMillis;
			long servedDuringStop;
			try (WrkLoad wrk = WrkLoad.start(frontendHello, HTTP_CONNECTIONS, Duration.ofSeconds(8))) {
				// Both instances hold some of wrk's connections when the stop begins.
				await().atMost(Duration.ofSeconds(5))
					.until(() -> first.opened("hello") >= 10 && second.opened("hello") >= 10);
				long stopStarted = System.nanoTime();
				firstServer.stop(Duration.ofSeconds(40));
				stopMillis = millisSince(stopStarted);
				servedDuringStop = load.succeeded();
				http = wrk.await(Duration.ofSeconds(30));
			}
			ChildServer stopped = firstServer;
			// Every connection ended before the grace period's deadline.
			await().atMost(Duration.ofSeconds(5)).until(() -> DRAINED.matcher(stopped.output()).find());
			Matcher drained = DRAINED.matcher(stopped.output());
			assertThat(drained.find()).isTrue();
			long drainMillis = Long.parseLong(drained.group(1));
			assertThat(http.failures()).as(http.output()).isZero();
			assertThat(http.requests()).as(http.output()).isPositive();
			assertThat(load.failures() - failuresBefore).as(load.failureLog()).isZero();
			assertThat(haproxy.output()).contains("gateway-1 is DOWN");

			// The instance comes back; HAProxy sends it clients again once it is ready.
			firstServer = first.start();
			long upAgainFrom = first.opened("commands");
			await().atMost(Duration.ofSeconds(30)).until(() -> first.opened("commands") > upAgainFrom + 20);

			// 2. SIGKILL mid-load: only what was in flight on that instance can fail, and
			// HAProxy stops routing to it within its check interval (500 ms x 2).
			failuresBefore = load.failures();
			int downLinesBefore = count(haproxy.output(), "gateway-2 is DOWN");
			long killedAt = System.nanoTime();
			secondServer.kill();
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count(haproxy.output(), "gateway-2 is DOWN") > downLinesBefore);
			long failoverMillis = millisSince(killedAt);
			long failedAfterKill = load.failures() - failuresBefore;
			long failuresAfterFailover = load.failures();
			Thread.sleep(1_000);
			assertThat(failoverMillis).isLessThan(3_000);
			assertThat(failedAfterKill).as(load.failureLog()).isLessThanOrEqualTo(CLIENTS);
			assertThat(load.failures()).as("failures once HAProxy marked it down: " + load.failureLog())
				.isEqualTo(failuresAfterFailover);

			load.stop();
			assertThat(load.wrongAddresses()).isZero();
			assertThat(load.succeeded()).isGreaterThan(servedDuringStop);
			System.out.printf("scale-out behind HAProxy: %d requests through it, %d failed; graceful stop took %d ms "
					+ "(drain %d ms) with 0 failures, and %d HTTP keep-alive requests across it (wrk -c%d) with %d failures; "
					+ "after SIGKILL: %d failed, marked down after %d ms%n", load.succeeded() + load.failures(),
					load.failures(), stopMillis, drainMillis, http.requests(), HTTP_CONNECTIONS, http.failures(),
					failedAfterKill, failoverMillis);
		}
		finally {
			firstServer.close();
			secondServer.close();
		}
	}

	private static boolean servedInARow(int port, int count) {
		for (int i = 0; i < count; i++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
				socket.setSoTimeout(5_000);
				socket.getOutputStream().write("PING\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
				if (!new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
					.equals("PONG\r\nBYE\r\n")) {
					return false;
				}
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static int count(String text, String line) {
		return text.split(Pattern.quote(line), -1).length - 1;
	}

	/** One server instance's ports and its view of its own traffic. */
	private record Instance(int helloPort, int commandsPort, int managementPort) {

		private static final Pattern MEASUREMENT = Pattern.compile("\"value\":([0-9.E]+)");

		ChildServer start() throws IOException {
			List<String> arguments = new ArrayList<>(
					List.of("--server.port=" + this.managementPort, "--tcp.listeners.hello.port=" + this.helloPort,
							"--tcp.listeners.commands.port=" + this.commandsPort,
							"--spring.lifecycle.timeout-per-shutdown-phase=20s"));
			for (String listener : List.of("hello", "commands")) {
				arguments.add("--tcp.listeners." + listener + ".bind-address=127.0.0.1");
				arguments.add("--tcp.listeners." + listener + ".proxy-protocol=v2");
				arguments.add("--tcp.listeners." + listener + ".trusted-proxies=127.0.0.1/32");
			}
			// Longer than HAProxy's inter x fall (1 s), so it stops sending new clients
			// before the listener stops accepting.
			arguments.add("--tcp.shutdown.drain-delay=1500ms");
			return ChildServer.start(arguments.toArray(String[]::new));
		}

		/**
		 * The variables that point the shipped configuration's server line at this one.
		 */
		Map<String, String> haproxyEnvironment(String prefix) {
			return Map.of(prefix + "_HOST", "127.0.0.1", prefix + "_HELLO_PORT", String.valueOf(this.helloPort),
					prefix + "_COMMANDS_PORT", String.valueOf(this.commandsPort), prefix + "_MANAGEMENT_PORT",
					String.valueOf(this.managementPort));
		}

		long opened(String listener) {
			try {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort
								+ "/actuator/metrics/tcp.connections.opened?tag=listener:" + listener))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.ofString());
				Matcher value = MEASUREMENT.matcher(response.body());
				return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
			}
			catch (IOException ex) {
				return -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}

	}

	/**
	 * Clients from {@value #CLIENT_ADDRESS}, each asking {@code CLIENT} then {@code QUIT}
	 * on a new connection, back to back, until stopped.
	 */
	private static final class Load implements AutoCloseable {

		private final int port;

		private final AtomicLong succeeded = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		private final AtomicLong wrongAddresses = new AtomicLong();

		private final StringBuffer failureLog = new StringBuffer();

		private final List<Thread> clients = new ArrayList<>();

		private volatile boolean running = true;

		private Load(int port) {
			this.port = port;
		}

		static Load start(int port) {
			Load load = new Load(port);
			for (int i = 0; i < CLIENTS; i++) {
				load.clients.add(Thread.ofVirtual().start(load::run));
			}
			return load;
		}

		private void run() {
			while (this.running) {
				try (Socket socket = new Socket()) {
					socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2_000);
					socket.setSoTimeout(10_000);
					socket.getOutputStream().write("CLIENT\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
					String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
					if (reply.equals(CLIENT_ADDRESS + ":" + socket.getLocalPort() + "\r\nBYE\r\n")) {
						this.succeeded.incrementAndGet();
					}
					else if (reply.startsWith(CLIENT_ADDRESS)) {
						this.wrongAddresses.incrementAndGet();
					}
					else {
						fail("reply '" + reply.strip() + "'");
					}
				}
				catch (IOException ex) {
					fail(ex.toString());
				}
			}
		}

		private void fail(String why) {
			this.failed.incrementAndGet();
			if (this.failureLog.length() < 4_000) {
				this.failureLog.append(System.nanoTime() / 1_000_000).append(" ms: ").append(why).append('\n');
			}
		}

		long succeeded() {
			return this.succeeded.get();
		}

		long failures() {
			return this.failed.get();
		}

		long wrongAddresses() {
			return this.wrongAddresses.get();
		}

		String failureLog() {
			return this.failureLog.toString();
		}

		void stop() throws InterruptedException {
			this.running = false;
			for (Thread client : this.clients) {
				client.join(Duration.ofSeconds(15));
			}
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
