package dev.tcpgateway.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tcpgateway.framing.DelimiterSequence;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.FramingOptions;
import dev.tcpgateway.framing.LengthFieldLayout;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * What the load generator does, parsed from {@code --key value} arguments.
 *
 * @param host the server (loopback unless {@code --allow-remote})
 * @param port its port
 * @param framing how requests and replies are framed
 * @param framingOptions the framing's settings (length-field layout, delimiters)
 * @param payload one request's payload (for http, the whole request)
 * @param connections how many connections run at once
 * @param duration how long to run, or null to stop after {@code requests}
 * @param requests how many requests in all, or 0 to stop after {@code duration}
 * @param pipeline requests written back to back before reading their replies
 * @param rate requests per second in all, or 0 for as fast as replies come
 * @param csv a file to append the summary to as CSV, or null
 * @param hdr a file for the HdrHistogram log of latencies, or null
 * @param tls TLS over the framing, or null for plaintext
 * @param storm clients that connect all at once for one request each, or 0 for a load run
 * @param warmUp requests sent first and not measured (for a storm: connections made and
 * closed first)
 */
record LoadOptions(String host, int port, Framing framing, FramingOptions framingOptions, byte[] payload,
		int connections, @Nullable Duration duration, long requests, int pipeline, int rate, @Nullable String csv,
		@Nullable String hdr, @Nullable Tls tls, int storm, int warmUp) {

	/** Options given without a value. */
	private static final Set<String> FLAGS = Set.of("allow-remote", "tls", "resume");

	static final String USAGE = """
			usage: java -jar tcp-gateway.jar bench --port N (--duration 10s | --requests N) [options]
			  --host H          server address (default 127.0.0.1; others need --allow-remote)
			  --port N          server port
			  --framing F       crlf, lf, stx-etx, length-header-1|2|4, null-terminated, http, length-field,
			                    delimited, mllp, octet-counting (default crlf)
			  --length-offset N, --length-size N, --length-encoding binary|ascii|bcd,
			  --length-byte-order big-endian|little-endian, --length-adjustment N,
			  --length-include-header true|false
			                    the length-field layout, as the listener's length-field.* (default 2-byte
			                    binary big-endian at offset 0); with an offset, the payload starts with
			                    the header bytes before the length field
			  --delimited-start S, --delimited-end S
			                    the delimited framing's sequences, as hex (0x1C0D) or escapes (\\r\\n)
			  --payload TEXT    one request (default PING; for http a GET / request)
			  --connections N   concurrent connections (default 50)
			  --duration D      run this long, e.g. 10s
			  --requests N      stop after N requests
			  --pipeline N      requests sent back to back before reading replies (default 1)
			  --rate N          requests per second in all; latency counts from the intended send time
			  --csv FILE        append the summary as a CSV line
			  --hdr FILE        write an HdrHistogram log of the latencies
			  --tls             TLS over the framing; needs --ca
			  --ca PEM          the CA certificate(s) that signed the server's certificate
			  --cert PEM, --key PEM
			                    a client certificate and its private key (mutual TLS)
			  --resume          a new connection for every request, resuming the TLS session
			  --storm N         N clients connect at once, one request each; reports the time
			                    until every one has its reply (no --duration or --requests)
			  --warm-up N       N requests first, not measured, in this JVM (with --storm:
			                    N connections, 50 at a time)""";

	static LoadOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
			}
			String key = args[i].substring(2);
			if (FLAGS.contains(key)) {
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
		if (framing == Framing.CUSTOM) {
			throw new IllegalArgumentException("framing custom is your own code; the load generator cannot frame it");
		}
		String defaultPayload = (framing == Framing.HTTP) ? "GET / HTTP/1.1\r\nHost: bench\r\n\r\n" : "PING";
		Duration duration = values.containsKey("duration") ? DurationStyle.detectAndParse(values.get("duration"))
				: null;
		long requests = Long.parseLong(values.getOrDefault("requests", "0"));
		int storm = Integer.parseInt(values.getOrDefault("storm", "0"));
		if (duration == null && requests <= 0 && storm <= 0) {
			throw new IllegalArgumentException("give --duration or --requests: a load test must stop by itself");
		}
		if (!values.containsKey("port")) {
			throw new IllegalArgumentException("give --port");
		}
		String host = values.getOrDefault("host", "127.0.0.1");
		if (!values.containsKey("allow-remote") && !isLoopback(host)) {
			throw new IllegalArgumentException(host + " is not a loopback address; add --allow-remote to load it");
		}
		return new LoadOptions(host, Integer.parseInt(values.get("port")), framing, framingOptions(framing, values),
				values.getOrDefault("payload", defaultPayload).getBytes(StandardCharsets.UTF_8),
				Integer.parseInt(values.getOrDefault("connections", "50")), duration, requests,
				Integer.parseInt(values.getOrDefault("pipeline", "1")),
				Integer.parseInt(values.getOrDefault("rate", "0")), values.get("csv"), values.get("hdr"), tls(values),
				storm, Integer.parseInt(values.getOrDefault("warm-up", "0")));
	}

	private static @Nullable Tls tls(Map<String, String> values) {
		if (!values.containsKey("tls")) {
			for (String key : List.of("ca", "cert", "key", "resume")) {
				if (values.containsKey(key)) {
					throw new IllegalArgumentException("--" + key + " needs --tls");
				}
			}
			return null;
		}
		if (!values.containsKey("ca")) {
			throw new IllegalArgumentException(
					"give --ca <pem> with --tls: the CA that signed the server's certificate (nothing is trusted blindly)");
		}
		if (values.containsKey("cert") != values.containsKey("key")) {
			throw new IllegalArgumentException("give --cert and --key together");
		}
		if (values.containsKey("resume") && values.containsKey("storm")) {
			throw new IllegalArgumentException("--resume reconnects for every request; a --storm client makes one");
		}
		return new Tls(values.get("ca"), values.get("cert"), values.get("key"), values.containsKey("resume"));
	}

	private static FramingOptions framingOptions(Framing framing, Map<String, String> values) {
		if (framing == Framing.DELIMITED) {
			String start = values.getOrDefault("delimited-start", "");
			return FramingOptions.delimited(start.isEmpty() ? new byte[0] : DelimiterSequence.parse(start),
					DelimiterSequence.parse(values.getOrDefault("delimited-end", "\\n")));
		}
		return FramingOptions
			.lengthField(new LengthFieldLayout(Integer.parseInt(values.getOrDefault("length-offset", "0")),
					Integer.parseInt(values.getOrDefault("length-size", "2")),
					constant(LengthFieldLayout.Encoding.class, values.getOrDefault("length-encoding", "binary")),
					constant(LengthFieldLayout.ByteOrder.class, values.getOrDefault("length-byte-order", "big-endian")),
					Integer.parseInt(values.getOrDefault("length-adjustment", "0")),
					Boolean.parseBoolean(values.getOrDefault("length-include-header", "false"))));
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String value) {
		return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/** The same load for {@code warmUp} requests, reported nowhere. */
	LoadOptions warmUpRun() {
		return new LoadOptions(this.host, this.port, this.framing, this.framingOptions, this.payload, this.connections,
				null, this.warmUp, this.pipeline, this.rate, null, null, this.tls, 0, 0);
	}

	/** The codec that frames requests and reads replies. */
	FrameCodec codec() {
		return this.framing.codec(Integer.MAX_VALUE - 8, this.framingOptions);
	}

	/**
	 * TLS over the framing.
	 *
	 * @param ca a PEM file with the certificates to trust
	 * @param cert a PEM file with the client's certificate chain, or null
	 * @param key a PEM file with the client certificate's private key, or null
	 * @param resume whether every request goes on a new connection that resumes the last
	 * one's session
	 */
	record Tls(String ca, @Nullable String cert, @Nullable String key, boolean resume) {

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
