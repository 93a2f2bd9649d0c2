package dev.tcpgateway.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.tcpgateway.framing.Framing;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * What the load generator does, parsed from {@code --key value} arguments.
 *
 * @param host the server (loopback unless {@code --allow-remote})
 * @param port its port
 * @param framing how requests and replies are framed
 * @param payload one request's payload (for http, the whole request)
 * @param connections how many connections run at once
 * @param duration how long to run, or null to stop after {@code requests}
 * @param requests how many requests in all, or 0 to stop after {@code duration}
 * @param pipeline requests written back to back before reading their replies
 * @param rate requests per second in all, or 0 for as fast as replies come
 * @param csv a file to append the summary to as CSV, or null
 * @param hdr a file for the HdrHistogram log of latencies, or null
 */
record LoadOptions(String host, int port, Framing framing, byte[] payload, int connections, @Nullable Duration duration,
		long requests, int pipeline, int rate, @Nullable String csv, @Nullable String hdr) {

	static final String USAGE = """
			usage: java -jar tcp-gateway.jar bench --port N (--duration 10s | --requests N) [options]
			  --host H          server address (default 127.0.0.1; others need --allow-remote)
			  --port N          server port
			  --framing F       crlf, lf, stx-etx, length-header-1|2|4, null-terminated, http (default crlf)
			  --payload TEXT    one request (default PING; for http a GET / request)
			  --connections N   concurrent connections (default 50)
			  --duration D      run this long, e.g. 10s
			  --requests N      stop after N requests
			  --pipeline N      requests sent back to back before reading replies (default 1)
			  --rate N          requests per second in all; latency counts from the intended send time
			  --csv FILE        append the summary as a CSV line
			  --hdr FILE        write an HdrHistogram log of the latencies""";

	static LoadOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
			}
			String key = args[i].substring(2);
			if (key.equals("allow-remote")) {
				values.put(key, "true");
			}
			else if (i + 1 < args.length) {
				values.put(key, args[++i]);
			}
			else {
				throw new IllegalArgumentException("--" + key + " needs a value");
			}
		}
		Framing framing = Framing.valueOf(values.getOrDefault("framing", "crlf").toUpperCase().replace('-', '_'));
		String defaultPayload = (framing == Framing.HTTP) ? "GET / HTTP/1.1\r\nHost: bench\r\n\r\n" : "PING";
		Duration duration = values.containsKey("duration") ? DurationStyle.detectAndParse(values.get("duration"))
				: null;
		long requests = Long.parseLong(values.getOrDefault("requests", "0"));
		if (duration == null && requests <= 0) {
			throw new IllegalArgumentException("give --duration or --requests: a load test must stop by itself");
		}
		if (!values.containsKey("port")) {
			throw new IllegalArgumentException("give --port");
		}
		String host = values.getOrDefault("host", "127.0.0.1");
		if (!values.containsKey("allow-remote") && !isLoopback(host)) {
			throw new IllegalArgumentException(host + " is not a loopback address; add --allow-remote to load it");
		}
		return new LoadOptions(host, Integer.parseInt(values.get("port")), framing,
				values.getOrDefault("payload", defaultPayload).getBytes(StandardCharsets.UTF_8),
				Integer.parseInt(values.getOrDefault("connections", "50")), duration, requests,
				Integer.parseInt(values.getOrDefault("pipeline", "1")),
				Integer.parseInt(values.getOrDefault("rate", "0")), values.get("csv"), values.get("hdr"));
	}

	private static boolean isLoopback(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
