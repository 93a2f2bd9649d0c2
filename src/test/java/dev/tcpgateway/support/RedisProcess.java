package dev.tcpgateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} (Debian's package) in the foreground on a free port of
 * 127.0.0.1, keeping nothing on disk. {@link #stop} and {@link #restart} on the same port
 * let a test take Redis away and bring it back, empty, as a restart without persistence
 * does.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private Process process;

	private ProcessOutput output;

	private RedisProcess(int port) throws IOException {
		this.port = port;
		launch();
	}

	public static boolean isInstalled() {
		return find() != null;
	}

	/** Starts a Redis on a free port and waits until it accepts. */
	public static RedisProcess start() throws IOException {
		return new RedisProcess(ChildServer.freePort());
	}

	public int port() {
		return this.port;
	}

	public String output() {
		return this.output.text();
	}

	/** SIGKILL: connections drop as when the host dies. */
	public void stop() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/** Starts again on the same port, empty. */
	public void restart() throws IOException {
		launch();
	}

	private void launch() throws IOException {
		this.process = new ProcessBuilder(List.of(find().toString(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.start();
		this.output = ProcessOutput.of(this.process);
		Process started = this.process;
		await().atMost(Duration.ofSeconds(20)).until(() -> HaproxyProcess.accepts(this.port) || !started.isAlive());
		if (!started.isAlive()) {
			throw new IllegalStateException("redis-server did not start:\n" + output());
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private static Path find() {
		for (String directory : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
