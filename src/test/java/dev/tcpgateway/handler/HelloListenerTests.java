package dev.tcpgateway.handler;

import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class HelloListenerTests {

	private static final String OK_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
			+ "Content-Length: 15\r\n";

	@Value("${local.tcp.listeners.hello.port}")
	int port;

	@Test
	void answersTheTutorialRequestByteForByte() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readHttpResponse()).isEqualTo(OK_HEAD + "\r\nHello, World!\r\n");
		}
	}

	@Test
	void keepsTheConnectionForTheNextRequest() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET /one HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readHttpResponse()).endsWith("Hello, World!\r\n");
			client.send("GET /two HTTP/1.1\r\nHost: localhost\r\n\r\n");
			assertThat(client.readHttpResponse()).endsWith("Hello, World!\r\n");
		}
	}

	@Test
	void answersPipelinedRequestsInOrder() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
			assertThat(client.readHttpResponse()).doesNotContain("Connection: close");
			assertThat(client.readHttpResponse()).contains("Connection: close");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void closesAfterTheReplyWhenAskedTo() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(client.readToEndAsString()).isEqualTo(OK_HEAD + "Connection: close\r\n\r\nHello, World!\r\n");
		}
	}

	@Test
	void closesAfterAnHttp10RequestWithoutKeepAlive() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.0\r\n\r\n");
			assertThat(client.readToEndAsString()).isEqualTo(OK_HEAD + "Connection: close\r\n\r\nHello, World!\r\n");
		}
	}

	@Test
	void keepsAnHttp10ConnectionThatAsksForKeepAlive() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
			assertThat(client.readHttpResponse()).contains("Connection: keep-alive\r\n").endsWith("Hello, World!\r\n");
			client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
			assertThat(client.readHttpResponse()).endsWith("Hello, World!\r\n");
		}
	}

	@Test
	void answersHeadWithoutABody() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
			assertThat(client.readToEndAsString()).isEqualTo(OK_HEAD + "Connection: close\r\n\r\n");
		}
	}

	@Test
	void answersAMalformedRequestLineWith400AndCloses() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("NOT AN HTTP REQUEST\r\n\r\n");
			assertThat(client.readToEndAsString()).isEqualTo("HTTP/1.1 400 Bad Request\r\n"
					+ "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\nConnection: close\r\n\r\n"
					+ "malformed request\r\n");
		}
	}

	@Test
	void answersAnOversizedHeadWith431AndCloses() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n");
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
				.contains("Connection: close\r\n")
				.endsWith("frame too large (max 65536 bytes)\r\n");
		}
	}

	@Test
	void answersAnOversizedBodyWith413() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("POST / HTTP/1.1\r\nContent-Length: 70000\r\n\r\n");
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 413 Content Too Large\r\n")
				.contains("Connection: close\r\n");
		}
	}

	@Test
	void readsABodyAndStaysInSync() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n");
			assertThat(client.readHttpResponse()).endsWith("Hello, World!\r\n");
			assertThat(client.readHttpResponse()).endsWith("Hello, World!\r\n");
		}
	}

	@Test
	void refusesChunkedUploadsWith501() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
			assertThat(client.readToEndAsString()).startsWith("HTTP/1.1 501 Not Implemented\r\n");
		}
	}

}
