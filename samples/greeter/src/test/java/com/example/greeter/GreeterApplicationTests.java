package com.example.greeter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as its users see it: a raw TCP client gets the handlers' replies, and
 * /actuator/health shows the listeners, with nothing imported by hand.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tcp.listeners.greeter.port=0", "tcp.listeners.reverse.port=0" })
@ExtendWith(OutputCaptureExtension.class)
class GreeterApplicationTests {

	@Value("${local.tcp.listeners.greeter.port}")
	int greeterPort;

	@Value("${local.tcp.listeners.reverse.port}")
	int reversePort;

	@LocalServerPort
	int httpPort;

	@Test
	void greetsOverARawSocketAndClosesAfterBye(CapturedOutput output) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.greeterPort)) {
			socket.setSoTimeout(10_000);
			BufferedReader replies = reader(socket);
			send(socket, "Ada\r\n");
			assertThat(replies.readLine()).isEqualTo("Hello, Ada!");
			send(socket, "\r\n");
			assertThat(replies.readLine()).isEqualTo("Hello, stranger!");
			send(socket, "BYE\r\n");
			assertThat(replies.readLine()).isEqualTo("Bye!");
			assertThat(replies.readLine()).as("closed after BYE").isNull();
		}
		// ConnectionAudit heard the connection open and close.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("open ").contains("closed "));
	}

	@Test
	void aFunctionBeanIsAHandlerToo() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.reversePort)) {
			socket.setSoTimeout(10_000);
			send(socket, "stressed\n");
			assertThat(reader(socket).readLine()).isEqualTo("desserts");
		}
	}

	@Test
	void healthShowsItsOwnListenersAndNoBuiltInOnes() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> listeners = JsonPath.read(response.body(), "$.components.tcp.components");
		// One child per listener, and the budget for bytes held from clients.
		assertThat(listeners).containsOnlyKeys("greeter", "reverse", "memory");
		assertThat(JsonPath.<String>read(response.body(), "$.components.tcp.components.greeter.status"))
			.isEqualTo("UP");
		assertThat(JsonPath.<Integer>read(response.body(), "$.components.tcp.components.greeter.details.port"))
			.isEqualTo(this.greeterPort);
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static BufferedReader reader(Socket socket) throws IOException {
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
	}

}
