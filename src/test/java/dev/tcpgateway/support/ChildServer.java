package dev.tcpgateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.TcpGatewayApplication;

import static org.awaitility.Awaitility.await;

/**
 * The server in a JVM of its own, started from the test class path, for tests that need
 * real signals: SIGTERM ({@link #stop}) runs the graceful shutdown, SIGKILL
 * ({@link #kill}) does not.
 */
public final class ChildServer implements AutoCloseable {

	private final Process process;

	private final ProcessOutput output;

	private ChildServer(Process process) {
		this.process = process;
		this.output = ProcessOutput.of(process);
	}

	/** Starts the server with these command-line arguments and waits until it listens. */
	public static ChildServer start(String... arguments) throws IOException {
		return start(List.of(), arguments);
	}

	/**
	 * Starts the server with these JVM options (a small heap, say {@code -Xmx256m}) and
	 * command-line arguments, and waits until it listens.
	 */
	public static ChildServer start(List<String> jvmOptions, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), TcpGatewayApplication.class.getName()));
		command.addAll(List.of(arguments));
		return launch(command);
	}

	/**
	 * Starts a packaged jar the way users run it,
	 * {@code java <options> -jar <jar> <arguments>}, and waits until it listens.
	 */
	public static ChildServer startJar(Path jar, List<String> jvmOptions, String... arguments) throws IOException {
		return launch(jarCommand(jar, jvmOptions, arguments));
	}

	/** Runs a command that should fail to start; returns its exit code and output. */
	public static ChildServer startFailing(Path jar, List<String> jvmOptions, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = jarCommand(jar, jvmOptions, arguments);
		command.add("--spring.main.banner-mode=off");
		ChildServer child = new ChildServer(new ProcessBuilder(command).redirectErrorStream(true).start());
		if (!child.process.waitFor(90, TimeUnit.SECONDS)) {
			child.close();
			throw new IllegalStateException("The server did not stop:\n" + child.output());
		}
		return child;
	}

	private static ChildServer launch(List<String> command) throws IOException {
		command.add("--spring.main.banner-mode=off");
		ChildServer child = new ChildServer(new ProcessBuilder(command).redirectErrorStream(true).start());
		await().atMost(Duration.ofSeconds(90))
			.until(() -> child.output().contains("Started TcpGatewayApplication") || !child.process.isAlive());
		if (!child.process.isAlive()) {
			throw new IllegalStateException("The server did not start:\n" + child.output());
		}
		return child;
	}

	private static List<String> jarCommand(Path jar, List<String> jvmOptions, String... arguments) {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public String output() {
		return this.output.text();
	}

	/**
	 * SIGTERM, then waits for the process to end; returns its exit code. Signalled
	 * through its handle: {@link Process#destroy()} also closes the pipe the server
	 * writes to, which would lose what it logs while it drains.
	 */
	public int stop(Duration within) throws InterruptedException {
		this.process.toHandle().destroy();
		if (!this.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The server did not stop within " + within + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/** SIGKILL: no shutdown hook runs. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/** The exit code of a process that has ended. */
	public int exitCode() {
		return this.process.exitValue();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
