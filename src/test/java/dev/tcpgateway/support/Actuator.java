package dev.tcpgateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP requests to the actuator on the management port. */
public final class Actuator {

	private Actuator() {
	}

	/** The body of a request that must answer 200. */
	public static String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(port, path);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	public static int status(int port, String path) throws IOException, InterruptedException {
		return send(port, path).statusCode();
	}

	/** Any method, with a JSON body when {@code json} is not null. */
	public static HttpResponse<String> request(int port, String method, String path, String json)
			throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.method(method,
						(json != null) ? HttpRequest.BodyPublishers.ofString(json)
								: HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
