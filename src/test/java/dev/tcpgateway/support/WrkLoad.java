package dev.tcpgateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (Debian's package), a real HTTP/1.1 client that keeps its connections alive, run
 * for a fixed time against a loopback port; it stops by itself, and its summary is
 * parsed. wrk counts a request as failed when its connection ends before the full
 * response ("Socket errors: ... read"), when it gets no response within its timeout, or
 * when the status is not 2xx/3xx.
 */
public final class WrkLoad implements AutoCloseable {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private final Process process;

	private final ProcessOutput output;

	private WrkLoad(Process process) {
		this.process = process;
		this.output = ProcessOutput.of(process);
	}

	public static boolean isInstalled() {
		return find() != null;
	}

	/**
	 * Starts {@code wrk -t2 -c<connections> -d<duration>} on
	 * {@code http://127.0.0.1:port/}, with a response timeout long enough for a machine
	 * shared with other builds.
	 */
	public static WrkLoad start(int port, int connections, Duration duration) throws IOException {
		Path wrk = find();
		if (wrk == null) {
			throw new IllegalStateException("wrk is not installed");
		}
		List<String> command = List.of(wrk.toString(), "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
				"--timeout", "10s", "http://127.0.0.1:" + port + "/");
		return new WrkLoad(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/** Waits for wrk to finish its run and returns its summary. */
	public Summary await(Duration within) throws InterruptedException {
		if (!this.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("wrk did not end within " + within + ":\n" + this.output.text());
		}
		return Summary.parse(this.output.textAtEnd(Duration.ofSeconds(10)));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private static Path find() {
		for (String directory : List.of("/usr/bin", "/usr/local/bin")) {
			Path candidate = Path.of(directory, "wrk");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * What wrk reports: requests completed, requests that failed, and its whole output.
	 */
	public record Summary(long requests, long failures, String output) {

		static Summary parse(String output) {
			Matcher requests = REQUESTS.matcher(output);
			if (!requests.find()) {
				throw new IllegalStateException("wrk printed no summary:\n" + output);
			}
			long failures = 0;
			Matcher socketErrors = SOCKET_ERRORS.matcher(output);
			if (socketErrors.find()) {
				for (int group = 1; group <= 4; group++) {
					failures += Long.parseLong(socketErrors.group(group));
				}
			}
			Matcher non2xx = NON_2XX.matcher(output);
			if (non2xx.find()) {
				failures += Long.parseLong(non2xx.group(1));
			}
			return new Summary(Long.parseLong(requests.group(1)), failures, output);
		}

	}

}
