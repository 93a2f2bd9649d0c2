package dev.tcpgateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy (Debian's package) in the foreground, running the shipped
 * {@code ops/haproxy/haproxy.cfg} with addresses from the environment. Its warnings
 * ("Server commands/gateway-2 is DOWN ...") are what the tests read to see when it
 * changed its mind about an instance.
 */
public final class HaproxyProcess implements AutoCloseable {

	public static final Path SHIPPED_CONFIG = Path.of("ops", "haproxy", "haproxy.cfg");

	private final Process process;

	private final ProcessOutput output;

	private HaproxyProcess(Process process) {
		this.process = process;
		this.output = ProcessOutput.of(process);
	}

	public static boolean isInstalled() {
		return find() != null;
	}

	/**
	 * Starts HAProxy on the shipped configuration with these environment variables, and
	 * waits until {@code port} accepts.
	 */
	public static HaproxyProcess start(Map<String, String> environment, int port) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(List.of(find().toString(), "-db", "-f", SHIPPED_CONFIG.toString()))
			.redirectErrorStream(true);
		builder.environment().putAll(environment);
		HaproxyProcess haproxy = new HaproxyProcess(builder.start());
		await().atMost(Duration.ofSeconds(20)).until(() -> accepts(port) || !haproxy.process.isAlive());
		if (!haproxy.process.isAlive()) {
			throw new IllegalStateException("HAProxy did not start:\n" + haproxy.output());
		}
		return haproxy;
	}

	public String output() {
		return this.output.text();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private static Path find() {
		for (String directory : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
			Path candidate = Path.of(directory, "haproxy");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/** Whether something accepts connections on this port of 127.0.0.1. */
	static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
