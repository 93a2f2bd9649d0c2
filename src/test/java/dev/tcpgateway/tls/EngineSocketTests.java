package dev.tcpgateway.tls;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import dev.tcpgateway.config.ListenerSslProperties.ClientAuth;
import dev.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenSSL engine's socket on its own, against the JDK's TLS client over a real
 * socket: the handshake completes on the server's side even when the client then sends
 * nothing, data goes both ways, and a close reaches the client as the end of the stream.
 */
class EngineSocketTests {

	@TempDir
	static Path directory;

	static TestCertificates certificates;

	@BeforeAll
	static void certificates() throws Exception {
		certificates = TestCertificates.createIn(directory);
	}

	@Test
	void completesTheHandshakeWhenTheClientThenSendsNothing() throws Exception {
		OpenSslTlsLayer layer = new OpenSslTlsLayer(bundle(), ClientAuth.NONE);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<SSLSocket> accepted = CompletableFuture.supplyAsync(() -> {
				try {
					Socket socket = server.accept();
					socket.setSoTimeout(5_000);
					SSLSocket tls = layer.layer(socket);
					tls.startHandshake();
					return tls;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			try (SSLSocket client = (SSLSocket) certificates.clientContext(null).getSocketFactory().createSocket()) {
				client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5_000);
				client.setSoTimeout(5_000);
				client.startHandshake();
				try (SSLSocket serverSide = accepted.get(10, TimeUnit.SECONDS)) {
					assertThat(serverSide.getSession().getProtocol()).isEqualTo("TLSv1.3");
					client.getOutputStream().write("ping".getBytes());
					assertThat(new String(serverSide.getInputStream().readNBytes(4))).isEqualTo("ping");
					serverSide.getOutputStream().write("pong".getBytes());
					serverSide.getOutputStream().flush();
					InputStream in = client.getInputStream();
					assertThat(new String(in.readNBytes(4))).isEqualTo("pong");
				}
				assertThat(client.getInputStream().read()).isEqualTo(-1);
			}
		}
	}

	static SslBundle bundle() throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(certificates.path("server.p12").toFile())) {
			keys.load(in, TestCertificates.PASSWORD.toCharArray());
		}
		return SslBundle.of(SslStoreBundle.of(keys, TestCertificates.PASSWORD, null),
				SslBundleKey.of(TestCertificates.PASSWORD, "leaf"));
	}

}
