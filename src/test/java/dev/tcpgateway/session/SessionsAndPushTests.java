package dev.tcpgateway.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.bulk.port=0", "tcp.listeners.bulk.framing=lf",
		"tcp.listeners.push.port=0", "tcp.listeners.push.framing=lf", "tcp.listeners.push.handler=bulk",
		"tcp.listeners.push.send-buffer-size=16KB", "tcp.listeners.push.write-timeout=8s" })
class SessionsAndPushTests {

	private static final int REPLY_BYTES = 1 << 20;

	@Value("${local.tcp.listeners.commands.port}")
	int commandsPort;

	@Value("${local.tcp.listeners.hello.port}")
	int helloPort;

	@Value("${local.tcp.listeners.bulk.port}")
	int bulkPort;

	@Value("${local.tcp.listeners.push.port}")
	int pushPort;

	@Autowired
	TcpConnections connections;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPushDuringAnInFlightReplyLeavesAsAWholeFrame() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.bulkPort)) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write("go\ngo\ngo\n".getBytes(StandardCharsets.US_ASCII));
			String id = awaitSession("bulk", socket).id();
			byte[] push = new byte[64 * 1024];
			Arrays.fill(push, (byte) 'p');
			AtomicInteger queued = new AtomicInteger();
			Thread pusher = Thread.ofVirtual().start(() -> {
				for (int i = 0; i < 40; i++) {
					if (this.connections.send(id, push) == PushResult.QUEUED) {
						queued.incrementAndGet();
					}
				}
			});
			InputStream in = socket.getInputStream();
			int replies = 0;
			int pushes = 0;
			pusher.join();
			while (replies < 3 || pushes < queued.get()) {
				String line = readLine(in);
				char kind = line.charAt(0);
				assertThat(line.chars().allMatch((c) -> c == kind)).as("a line of one kind only").isTrue();
				if (kind == 'r') {
					assertThat(line).hasSize(REPLY_BYTES);
					replies++;
				}
				else {
					assertThat(kind).isEqualTo('p');
					assertThat(line).hasSize(push.length);
					pushes++;
				}
			}
			assertThat(queued.get()).isPositive();
			assertThat(pushes).isEqualTo(queued.get());
		}
	}

	@Test
	void aSecondConnectionTakingANameClosesTheFirst() {
		double replacedBefore = closedReplaced();
		try (RawClient first = RawClient.connect(this.commandsPort);
				RawClient second = RawClient.connect(this.commandsPort)) {
			assertThat(ask(first, "LOGIN takeover-device")).isEqualTo("OK");
			TcpSession firstSession = this.connections.find("takeover-device").orElseThrow();
			firstSession.put("records", 3);
			assertThat(ask(second, "LOGIN takeover-device")).isEqualTo("OK");
			assertThat(first.timeout(Duration.ofSeconds(10)).isClosedByServer()).isTrue();
			TcpSession owner = this.connections.find("takeover-device").orElseThrow();
			assertThat(owner.client().getPort()).isEqualTo(second.socket().getLocalPort());
			await().atMost(Duration.ofSeconds(10)).until(() -> !firstSession.isOpen());
			assertThat(firstSession.get("records")).isNull();
			assertThat(firstSession.name()).isNull();
			assertThat(closedReplaced()).isEqualTo(replacedBefore + 1);
			assertThat(ask(second, "PING")).isEqualTo("PONG");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.find("takeover-device").isEmpty());
	}

	@Test
	void loginWhoAndSendTalkBetweenClients() {
		try (RawClient alice = RawClient.connect(this.commandsPort);
				RawClient bob = RawClient.connect(this.commandsPort);
				RawClient anonymous = RawClient.connect(this.commandsPort)) {
			assertThat(ask(alice, "LOGIN alice")).isEqualTo("OK");
			assertThat(ask(bob, "LOGIN bob")).isEqualTo("OK");
			assertThat(ask(anonymous, "WHO").split(" ")).contains("alice", "bob");
			assertThat(ask(alice, "SEND bob hello there, bob")).isEqualTo("SENT");
			assertThat(bob.readLine()).isEqualTo("MSG alice hello there, bob");
			assertThat(ask(anonymous, "SEND bob who am I")).isEqualTo("SENT");
			assertThat(bob.readLine()).isEqualTo("MSG 127.0.0.1:" + anonymous.socket().getLocalPort() + " who am I");
			assertThat(ask(alice, "SEND nobody-here hi")).isEqualTo("ERR no such client");
			assertThat(ask(alice, "SEND bob")).isEqualTo("ERR usage: SEND <name> <text>");
			assertThat(ask(alice, "LOGIN two words")).startsWith("ERR usage: LOGIN <name>");
			assertThat(ask(bob, "PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aSessionCarriesAttributesAndIsGoneWhenItsConnectionCloses() {
		TcpSession session;
		try (RawClient client = RawClient.connect(this.commandsPort)) {
			assertThat(ask(client, "LOGIN short-lived")).isEqualTo("OK");
			session = this.connections.find("short-lived").orElseThrow();
			assertThat(session.listener()).isEqualTo("commands");
			assertThat(session.client()).isEqualTo(client.socket().getLocalSocketAddress());
			assertThat(this.connections.find(session.id())).containsSame(session);
			session.put("imei", "490154203237518");
			assertThat(session.get("imei", String.class)).isEqualTo("490154203237518");
			assertThat(session.remove("imei")).isEqualTo("490154203237518");
			session.put("imei", "x");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !session.isOpen());
		assertThat(session.get("imei")).isNull();
		assertThat(this.connections.find("short-lived")).isEmpty();
		assertThat(this.connections.find(session.id())).isEmpty();
		assertThat(this.connections.send("short-lived", "late")).isEqualTo(PushResult.NO_SUCH_CONNECTION);
		assertThat(this.connections.close("short-lived")).isFalse();
	}

	@Test
	void aPushToAnHttpListenerIsRefused() {
		try (RawClient client = RawClient.connect(this.helloPort)) {
			TcpSession session = awaitSession("hello", client.socket());
			assertThat(this.connections.send(session.id(), "hi")).isEqualTo(PushResult.REFUSED);
			assertThat(this.connections.broadcast("hello", "hi").refused()).isTrue();
			client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
			assertThat(client.readHttpResponse()).startsWith("HTTP/1.1 200").endsWith("Hello, World!\r\n");
		}
	}

	@Test
	void aStuckClientDoesNotHoldABroadcastOrTheOthers() throws Exception {
		double droppedBefore = pushes("dropped");
		double writeTimeoutsBefore = closed("push", "write-timeout");
		try (Socket stuck = new Socket()) {
			stuck.setReceiveBufferSize(4096);
			stuck.connect(new InetSocketAddress("127.0.0.1", this.pushPort));
			awaitSession("push", stuck);
			List<Socket> readers = new ArrayList<>();
			try {
				for (int i = 0; i < 20; i++) {
					Socket reader = new Socket("127.0.0.1", this.pushPort);
					reader.setSoTimeout(20_000);
					readers.add(reader);
					awaitSession("push", reader);
				}
				// Paced: each round goes out once every reader has the one before, as
				// readers that keep up would; only the stuck client falls behind, past
				// its queue's 256KB.
				byte[] payload = new byte[2048];
				Arrays.fill(payload, (byte) 'b');
				int rounds = 300;
				List<AtomicInteger> received = new ArrayList<>();
				for (Socket reader : readers) {
					AtomicInteger lines = new AtomicInteger();
					received.add(lines);
					Thread.ofVirtual().start(() -> countLines(reader, payload.length, lines));
				}
				long slowestCall = 0;
				long start = System.nanoTime();
				for (int round = 1; round <= rounds; round++) {
					long callStart = System.nanoTime();
					BroadcastResult result = this.connections.broadcast("push", payload);
					slowestCall = Math.max(slowestCall, System.nanoTime() - callStart);
					// Every reader has it queued; the stuck client's queue fills, then
					// write-timeout closes it.
					assertThat(result.queued()).isGreaterThanOrEqualTo(20);
					int expected = round;
					await().atMost(Duration.ofSeconds(10))
						.pollInterval(Duration.ofMillis(1))
						.until(() -> received.stream().allMatch((lines) -> lines.get() >= expected));
				}
				// Generous: a call held by the stuck client would wait its write-timeout.
				assertThat(Duration.ofNanos(slowestCall)).isLessThan(Duration.ofSeconds(1));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
				assertThat(received).allMatch((lines) -> lines.get() == rounds);
				assertThat(pushes("dropped")).isGreaterThan(droppedBefore);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> closed("push", "write-timeout") > writeTimeoutsBefore);
			}
			finally {
				for (Socket reader : readers) {
					reader.close();
				}
			}
		}
	}

	private TcpSession awaitSession(String listener, Socket client) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.connections.list(listener)
				.stream()
				.filter((session) -> session.client().getPort() == client.getLocalPort())
				.findFirst()
				.orElse(null), (session) -> session != null);
	}

	private double closedReplaced() {
		return closed("commands", "replaced");
	}

	private double closed(String listener, String reason) {
		return this.meters.get("tcp.connections.closed")
			.tag("listener", listener)
			.tag("reason", reason)
			.functionCounter()
			.count();
	}

	private double pushes(String outcome) {
		return this.meters.get("tcp.pushes").tag("listener", "push").tag("outcome", outcome).counter().count();
	}

	private static String ask(RawClient client, String line) {
		return client.send(line + "\r\n").readLine();
	}

	/** Counts lines of {@code length} bytes until one is not, or the connection ends. */
	private static void countLines(Socket reader, int length, AtomicInteger lines) {
		try {
			while (readLine(reader.getInputStream()).length() == length) {
				lines.incrementAndGet();
			}
		}
		catch (IOException | AssertionError ex) {
			// The test closed the socket.
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			assertThat(b).as("the connection stays open").isNotNegative();
			line.append((char) b);
		}
		return line.toString();
	}

	@TestConfiguration
	static class BulkHandler {

		/**
		 * Answers every request with a 1 MB line, so the reply is being written for a
		 * while.
		 */
		@Bean
		TcpHandler bulk() {
			byte[] reply = new byte[REPLY_BYTES];
			Arrays.fill(reply, (byte) 'r');
			return (request) -> TcpReply.of(reply);
		}

	}

}
