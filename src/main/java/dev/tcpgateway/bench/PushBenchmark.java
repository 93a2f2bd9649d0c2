package dev.tcpgateway.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.tcpgateway.TcpGatewayApplication;
import dev.tcpgateway.session.BroadcastResult;
import dev.tcpgateway.session.TcpConnections;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast a broadcast reaches every connection:
 * {@code java -jar tcp-gateway.jar push-bench --connections 10000 --rounds 5}. Starts the
 * server in this JVM with one {@code lf} listener, has {@link PushClients} connect that
 * many clients over loopback from a second JVM (plus one that never reads), then
 * broadcasts through {@link TcpConnections} and times each round: the broadcast call
 * itself, and until the last client has the line (both JVMs read the same monotonic
 * clock). With {@code --cluster}, pushes across instances through Redis instead
 * ({@link ClusterPushBenchmark}).
 */
public final class PushBenchmark {

	private PushBenchmark() {
	}

	/** Runs it; the exit code is 0 when every round reached every client. */
	public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
		if (List.of(args).contains("--cluster")) {
			return ClusterPushBenchmark.run(args, out);
		}
		int count = option(args, "--connections", 10_000);
		int rounds = option(args, "--rounds", 5);
		int bytes = option(args, "--bytes", 64);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TcpGatewayApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--tcp.listeners.hello.enabled=false", "--tcp.listeners.commands.enabled=false",
					"--tcp.listeners.push.port=0", "--tcp.listeners.push.framing=lf",
					"--tcp.listeners.push.handler=log", "--tcp.listeners.push.max-connections=" + (count + 1),
					"--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.tcp.listeners.push.port", "0"));
			return broadcast(context.getBean(TcpConnections.class), port, count, rounds, bytes, out);
		}
	}

	private static int broadcast(TcpConnections connections, int port, int count, int rounds, int bytes,
			PrintStream out) throws IOException {
		long connectStart = System.nanoTime();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						System.getProperty("java.class.path")));
		command.addAll(mainClass(PushClients.class));
		command.addAll(List.of("--port", String.valueOf(port), "--connections", String.valueOf(count)));
		Process clients = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try (BufferedReader reports = new BufferedReader(
				new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
				Writer commands = clients.outputWriter(StandardCharsets.UTF_8)) {
			if (!"connected".equals(reports.readLine())) {
				out.println("the clients did not connect");
				return 1;
			}
			while (connections.list("push").size() < count + 1) {
				Thread.onSpinWait();
			}
			out.printf(Locale.ROOT, "connections=%d (plus one that never reads) connected in %.0f ms%n", count,
					millis(System.nanoTime() - connectStart));
			byte[] payload = new byte[Math.max(1, bytes)];
			Arrays.fill(payload, (byte) 'x');
			boolean all = true;
			double[] reachMillis = new double[rounds];
			for (int round = 1; round <= rounds; round++) {
				commands.write("round\n");
				commands.flush();
				long start = System.nanoTime();
				BroadcastResult result = connections.broadcast("push", payload);
				long called = System.nanoTime() - start;
				List<String> report = List.of(String.valueOf(reports.readLine()).split(" "));
				int reached = Integer.parseInt(report.get(1));
				long elapsed = Long.parseLong(report.get(2)) - start;
				reachMillis[round - 1] = millis(elapsed);
				all &= reached == count;
				out.printf(Locale.ROOT,
						"round=%d queued=%d dropped=%d broadcast-call-ms=%.1f reached=%d time-to-all-ms=%.1f "
								+ "pushes-per-second=%.0f%n",
						round, result.queued(), result.dropped(), millis(called), reached, millis(elapsed),
						reached / (elapsed / 1e9));
			}
			Arrays.sort(reachMillis);
			double median = reachMillis[rounds / 2];
			out.printf(Locale.ROOT, "median time-to-all-ms=%.1f pushes-per-second=%.0f%n", median,
					count / (median / 1e3));
			return all ? 0 : 1;
		}
		finally {
			clients.destroy();
		}
	}

	/**
	 * What runs {@code type}'s main method from this JVM's class path. The runnable jar
	 * nests the application's classes, where only Spring Boot's launcher finds them: its
	 * {@code PropertiesLauncher} runs the class named by {@code loader.main}.
	 */
	private static List<String> mainClass(Class<?> type) {
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return List.of("-Dloader.main=" + type.getName(),
					"org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		return List.of(type.getName());
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	static int option(String[] args, String name, int fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return fallback;
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		System.exit(run(args, System.out));
	}

}
