package dev.tcpgateway.framing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpCodecTests {

	private final FrameCodec codec = Framing.HTTP.codec(256);

	@Test
	void readsAHeadAndKeepsHttp11Alive() throws IOException {
		HttpRequestFrame frame = (HttpRequestFrame) FrameReading.of(this.codec, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
			.next();
		assertThat(new String(frame.bytes(), StandardCharsets.ISO_8859_1))
			.isEqualTo("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(frame.keepAlive()).isTrue();
		assertThat(frame.headMethod()).isFalse();
	}

	@Test
	void followsTheConnectionRules() throws IOException {
		assertThat(read("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
		assertThat(read("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
		assertThat(read("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive()).isTrue();
		assertThat(read("HEAD / HTTP/1.1\r\n\r\n").headMethod()).isTrue();
	}

	@Test
	void readsABodyAndTheNextRequestAfterIt() throws IOException {
		FrameReading reading = FrameReading.of(this.codec,
				"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\n\n");
		assertThat(reading.nextText()).endsWith("\r\n\r\nabc");
		assertThat(reading.nextText()).isEqualTo("GET /2 HTTP/1.1\n\n");
	}

	@Test
	void skipsEmptyLinesBeforeTheRequestLine() throws IOException {
		assertThat(FrameReading.of(this.codec, "\r\n\r\nGET / HTTP/1.1\r\n\r\n").nextText()).startsWith("GET /");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GARBAGE\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2.0\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n",
			"GET / HTTP/1.1\r\nNo-Colon\r\n\r\n", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
			"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
			"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
			"GET / HTTP/1.1\r\n folded\r\n\r\n", "G\u0000T / HTTP/1.1\r\n\r\n" })
	void rejectsMalformedHeads(String head) throws IOException {
		assertThat(FrameReading.of(this.codec, head).next()).isEqualTo(new Frame.Rejected(Problem.MALFORMED));
	}

	@Test
	void refusesTransferCodings() throws IOException {
		assertThat(FrameReading.of(this.codec, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.NOT_IMPLEMENTED));
	}

	@Test
	void boundsTheHeadAndTheBody() throws IOException {
		assertThat(FrameReading.of(this.codec, "GET / HTTP/1.1\r\nX: " + "a".repeat(300) + "\r\n\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.HEAD_TOO_LARGE));
		assertThat(FrameReading.of(this.codec, "POST / HTTP/1.1\r\nContent-Length: 250\r\n\r\n").next())
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
	}

	@Test
	void encodesAReplyAsA200() {
		HttpRequestFrame request = new HttpRequestFrame(new byte[0], true, false, false);
		assertThat(new String(this.codec.reply(request, "hi".getBytes(), false), StandardCharsets.US_ASCII))
			.isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi");
	}

	@Test
	void saysKeepAliveToHttp10AndCloseWhenClosing() {
		HttpRequestFrame http10 = new HttpRequestFrame(new byte[0], true, false, true);
		assertThat(new String(this.codec.reply(http10, "hi".getBytes(), false))).contains("Connection: keep-alive\r\n");
		assertThat(new String(this.codec.reply(http10, "hi".getBytes(), true))).contains("Connection: close\r\n")
			.doesNotContain("keep-alive");
	}

	@Test
	void answersHeadWithoutTheBody() {
		HttpRequestFrame head = new HttpRequestFrame(new byte[0], true, true, false);
		assertThat(new String(this.codec.reply(head, "hi".getBytes(), false))).endsWith("Content-Length: 2\r\n\r\n");
	}

	@Test
	void encodesProblemsAsStatusesThatClose() {
		assertThat(new String(this.codec.error(Problem.MALFORMED, null))).isEqualTo("HTTP/1.1 400 Bad Request\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\nConnection: close\r\n\r\n"
				+ "malformed request\r\n");
		assertThat(new String(this.codec.error(Problem.HEAD_TOO_LARGE, null)))
			.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
			.endsWith("frame too large (max 256 bytes)\r\n");
		assertThat(new String(this.codec.error(Problem.FRAME_TOO_LARGE, null))).startsWith("HTTP/1.1 413 ");
		assertThat(new String(this.codec.error(Problem.NOT_IMPLEMENTED, null))).startsWith("HTTP/1.1 501 ");
		assertThat(new String(this.codec.error(Problem.FRAME_TIMEOUT, null))).startsWith("HTTP/1.1 408 ");
		assertThat(new String(this.codec.error(Problem.SERVER_BUSY, null))).startsWith("HTTP/1.1 503 ")
			.contains("Connection: close");
	}

	@Test
	void keepsTheConnectionAfterAHandlerFailure() {
		HttpRequestFrame request = new HttpRequestFrame(new byte[0], true, false, false);
		assertThat(new String(this.codec.error(Problem.HANDLER_FAILED, request)))
			.startsWith("HTTP/1.1 500 Internal Server Error\r\n")
			.doesNotContain("Connection: close");
		assertThat(new String(this.codec.error(Problem.TIMEOUT, request))).startsWith("HTTP/1.1 504 ");
		assertThat(new String(this.codec.error(Problem.BUSY, request))).startsWith("HTTP/1.1 503 ")
			.doesNotContain("Connection: close");
	}

	@Test
	void saysConnectionCloseOnAnErrorWhenTheServerClosesAfterIt() {
		HttpRequestFrame request = new HttpRequestFrame(new byte[0], true, false, false);
		assertThat(new String(this.codec.error(Problem.BUSY, request, true))).startsWith("HTTP/1.1 503 ")
			.contains("\r\nConnection: close\r\n");
		assertThat(new String(this.codec.error(Problem.HANDLER_FAILED, request, false)))
			.doesNotContain("Connection: close");
	}

	private HttpRequestFrame read(String head) throws IOException {
		return (HttpRequestFrame) FrameReading.of(this.codec, head).next();
	}

	@Test
	void cannotCarryAPush() {
		// An HTTP client reads only the response to its own request.
		assertThat(this.codec.push("hi".getBytes())).isNull();
	}

}
