package dev.tcpgateway.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.TcpGatewayApplication;

/**
 * A server instance of the cluster push benchmark, in a JVM of its own started from the
 * same jar (or class path) as the benchmark, on loopback ports chosen free beforehand;
 * what it logs goes to a file, named when it does not start.
 */
final class InstanceProcess implements AutoCloseable {

	private static final long START_TIMEOUT_NANOS = 120_000_000_000L;

	private final Process process;

	private final Path log;

	private final int commandsPort;

	private InstanceProcess(Process process, Path log, int commandsPort) {
		this.process = process;
		this.log = log;
		this.commandsPort = commandsPort;
	}

	/** Starts an instance with these arguments; does not wait for it. */
	static InstanceProcess start(String id, List<String> arguments) throws IOException {
		int commandsPort = freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(launch());
		command.addAll(arguments);
		command.addAll(List.of("--tcp.cluster.instance-id=" + id, "--server.port=" + freePort(),
				"--server.address=127.0.0.1", "--tcp.listeners.hello.port=0",
				"--tcp.listeners.hello.bind-address=127.0.0.1", "--tcp.listeners.commands.port=" + commandsPort,
				"--tcp.listeners.commands.bind-address=127.0.0.1", "--spring.main.banner-mode=off"));
		Path log = Files.createTempFile("push-bench-" + id + "-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new InstanceProcess(process, log, commandsPort);
	}

	/**
	 * {@code -jar} when running from the packaged jar, else the class path and main
	 * class.
	 */
	private static List<String> launch() {
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return List.of("-jar", classPath);
		}
		return List.of("-cp", classPath, TcpGatewayApplication.class.getName());
	}

	/**
	 * Waits until the commands listener accepts connections; false if it died or took too
	 * long.
	 */
	boolean awaitListening() throws InterruptedException {
		long start = System.nanoTime();
		while (this.process.isAlive() && System.nanoTime() - start < START_TIMEOUT_NANOS) {
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress("127.0.0.1", this.commandsPort), 1000);
				return true;
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
		}
		return false;
	}

	int commandsPort() {
		return this.commandsPort;
	}

	Path log() {
		return this.log;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
