package dev.tcpgateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.tcpgateway.accept.Refusal;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.session.TcpConnections;
import dev.tcpgateway.session.TcpSession;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol and allow/deny lists on real sockets: the handler sees the header's
 * client, per-client limits and deny lists apply to it, bad or slow headers and untrusted
 * balancers are closed and counted, and a listener without it never guesses.
 */
@GatewayTest
@TestPropertySource(properties = { "tcp.listeners.proxied.port=0", "tcp.listeners.proxied.handler=commands",
		"tcp.listeners.proxied.proxy-protocol=any", "tcp.listeners.proxied.trusted-proxies=127.0.0.1/32",
		"tcp.listeners.proxied.proxy-protocol-timeout=1s", "tcp.listeners.proxied.max-connections-per-client=1",
		"tcp.listeners.proxied.deny=10.6.6.6", "tcp.listeners.untrusted.port=0",
		"tcp.listeners.untrusted.handler=commands", "tcp.listeners.untrusted.proxy-protocol=v1",
		"tcp.listeners.untrusted.trusted-proxies=10.0.0.0/8", "tcp.listeners.guarded.port=0",
		"tcp.listeners.guarded.handler=commands", "tcp.listeners.guarded.deny=127.0.0.2" })
class ProxyProtocolListenerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TcpConnections connections;

	@Test
	void theHandlerSeesTheClientNamedByAV1OrV2Header() {
		try (RawClient client = RawClient.connect(port("proxied"))) {
			client.send("PROXY TCP4 192.0.2.10 198.51.100.1 40001 1730\r\nCLIENT\r\n");
			assertThat(client.readLine()).isEqualTo("192.0.2.10:40001");
			assertThat(client.send("PING\r\n").readLine()).isEqualTo("PONG");
		}
		try (RawClient client = RawClient.connect(port("proxied"))) {
			client.send(ProxyHeaderReaderTests.v2(0x21, 0x21, ipv6Body()));
			assertThat(client.send("CLIENT\r\n").readLine()).isEqualTo("[2001:db8:0:0:0:0:0:7]:40002");
		}
	}

	@Test
	void aSessionHasTheClientNamedByTheHeader() {
		try (RawClient client = RawClient.connect(port("proxied"))) {
			client.send("PROXY TCP4 192.0.2.11 198.51.100.1 40003 1730\r\nLOGIN proxied-device\r\n");
			assertThat(client.readLine()).isEqualTo("OK");
			TcpSession session = this.connections.find("proxied-device").orElseThrow();
			assertThat(session.client()).isEqualTo(new InetSocketAddress("192.0.2.11", 40003));
			assertThat(session.listener()).isEqualTo("proxied");
		}
	}

	@Test
	void aLocalHeaderKeepsTheConnectionsOwnAddress() {
		try (RawClient client = RawClient.connect(port("proxied"))) {
			client.send(ProxyHeaderReaderTests.v2(0x20, 0x00, new byte[0]));
			assertThat(client.send("CLIENT\r\n").readLine()).isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
		}
	}

	@Test
	void closesAndCountsMalformedSlowAndUntrustedConnections() {
		double badHeaders = refused("proxied", Refusal.PROXY_HEADER);
		double untrusted = refused("untrusted", Refusal.UNTRUSTED_PROXY);
		try (RawClient malformed = RawClient.connect(port("proxied"));
				RawClient silent = RawClient.connect(port("proxied"));
				RawClient fromUntrusted = RawClient.connect(port("untrusted"))) {
			malformed.send("PROXY TCP4 nonsense\r\nPING\r\n");
			assertThat(malformed.timeout(Duration.ofSeconds(5)).readToEndAsString()).isEmpty();
			assertThat(silent.timeout(Duration.ofSeconds(5)).readToEndAsString()).isEmpty();
			assertThat(fromUntrusted.timeout(Duration.ofSeconds(5)).readToEndAsString()).isEmpty();
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(refused("proxied", Refusal.PROXY_HEADER)).isEqualTo(badHeaders + 2);
				assertThat(refused("untrusted", Refusal.UNTRUSTED_PROXY)).isEqualTo(untrusted + 1);
			});
		}
		try (RawClient good = RawClient.connect(port("proxied"))) {
			assertThat(good.send("PROXY TCP4 192.0.2.11 198.51.100.1 1 2\r\nPING\r\n").readLine()).isEqualTo("PONG");
		}
	}

	@Test
	void appliesPerClientLimitsAndDenyToTheHeadersClient() {
		double perClient = refused("proxied", Refusal.MAX_CONNECTIONS_PER_CLIENT);
		double denied = refused("proxied", Refusal.DENIED);
		try (RawClient first = RawClient.connect(port("proxied"));
				RawClient second = RawClient.connect(port("proxied"));
				RawClient other = RawClient.connect(port("proxied"));
				RawClient deniedClient = RawClient.connect(port("proxied"))) {
			assertThat(first.send("PROXY TCP4 192.0.2.20 198.51.100.1 1000 1730\r\nPING\r\n").readLine())
				.isEqualTo("PONG");
			second.send("PROXY TCP4 192.0.2.20 198.51.100.1 1001 1730\r\nPING\r\n");
			assertThat(second.timeout(Duration.ofSeconds(5)).readToEndAsString()).isEmpty();
			assertThat(other.send("PROXY TCP4 192.0.2.21 198.51.100.1 1002 1730\r\nPING\r\n").readLine())
				.isEqualTo("PONG");
			deniedClient.send("PROXY TCP4 10.6.6.6 198.51.100.1 1003 1730\r\nPING\r\n");
			assertThat(deniedClient.timeout(Duration.ofSeconds(5)).readToEndAsString()).isEmpty();
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(refused("proxied", Refusal.MAX_CONNECTIONS_PER_CLIENT)).isEqualTo(perClient + 1);
				assertThat(refused("proxied", Refusal.DENIED)).isEqualTo(denied + 1);
			});
		}
	}

	@Test
	void deniesClientsAtAcceptBeforeReadingAByte() throws IOException {
		double denied = refused("guarded", Refusal.DENIED);
		try (Socket blocked = new Socket()) {
			blocked.bind(new InetSocketAddress("127.0.0.2", 0));
			blocked.connect(new InetSocketAddress("127.0.0.1", port("guarded")), 5_000);
			blocked.setSoTimeout(5_000);
			InputStream in = blocked.getInputStream();
			assertThat(in.read()).isEqualTo(-1);
		}
		await().atMost(WAIT).until(() -> refused("guarded", Refusal.DENIED) == denied + 1);
		try (RawClient allowed = RawClient.connect(port("guarded"))) {
			assertThat(allowed.send("PING\r\n").readLine()).isEqualTo("PONG");
		}
	}

	@Test
	void neverGuessesAHeaderWhenTheProtocolIsOff() {
		try (RawClient client = RawClient.connect(port("commands"))) {
			client.send("PROXY TCP4 192.0.2.10 198.51.100.1 40001 1730\r\nCLIENT\r\n");
			assertThat(client.readLine()).isEqualTo("ERR unknown command 'PROXY' (try HELP)");
			assertThat(client.readLine()).isEqualTo("127.0.0.1:" + client.socket().getLocalPort());
		}
	}

	private int port(String listener) {
		return this.environment.getRequiredProperty("local.tcp.listeners." + listener + ".port", Integer.class);
	}

	private double refused(String listener, Refusal limit) {
		return this.meters.get(ListenerMeters.CONNECTIONS_REFUSED)
			.tag("listener", listener)
			.tag("limit", limit.tag())
			.functionCounter()
			.count();
	}

	/** 2001:db8::7 port 40002 -> :: port 1730 */
	private static byte[] ipv6Body() {
		byte[] source = new byte[16];
		source[0] = 0x20;
		source[1] = 0x01;
		source[2] = 0x0d;
		source[3] = (byte) 0xb8;
		source[15] = 7;
		return ByteBuffer.allocate(36)
			.put(source)
			.put(new byte[16])
			.putShort((short) 40002)
			.putShort((short) 1730)
			.array();
	}

}
