package dev.tcpgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Pushes from one instance to a client connected to another, next to pushes within one:
 * {@code java -jar tcp-gateway.jar push-bench --cluster --redis-port 6390}. Needs a
 * running Redis on loopback; starts two instances ({@link InstanceProcess}) with
 * {@code tcp.cluster.redis.enabled}, logs a receiver in on instance two, a sender on each
 * instance, and runs a {@link PushRound} of {@code SEND}s from the sender on instance two
 * (local), then from the one on instance one (cross-instance).
 */
final class ClusterPushBenchmark {

	private static final String RECEIVER = "bench-receiver";

	private static final long WARM_UP_NANOS = 30_000_000_000L;

	private ClusterPushBenchmark() {
	}

	/** Runs it; the exit code is 0 when every push of both rounds arrived, in order. */
	static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
		int redisPort = PushBenchmark.option(args, "--redis-port", 6379);
		int pushes = PushBenchmark.option(args, "--pushes", 10_000);
		int window = PushBenchmark.option(args, "--window", 32);
		if (!redisAnswers(redisPort)) {
			out.println("push-bench --cluster: no Redis answers PING on 127.0.0.1:" + redisPort
					+ " (start one: redis-server --port " + redisPort + " --save '' --appendonly no --bind 127.0.0.1)");
			return 2;
		}
		List<String> cluster = List.of("--tcp.cluster.redis.enabled=true", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort);
		try (InstanceProcess one = InstanceProcess.start("bench-one", cluster);
				InstanceProcess two = InstanceProcess.start("bench-two", cluster)) {
			for (InstanceProcess instance : List.of(one, two)) {
				if (!instance.awaitListening()) {
					out.println("push-bench --cluster: an instance did not start; its log: " + instance.log());
					return 1;
				}
			}
			try (LineClient receiver = LineClient.login(two.commandsPort(), RECEIVER);
					LineClient local = LineClient.login(two.commandsPort(), "bench-local");
					LineClient remote = LineClient.login(one.commandsPort(), "bench-remote")) {
				if (!warmUp(remote, receiver)) {
					out.println("push-bench --cluster: instance one never found " + RECEIVER
							+ " on instance two through Redis");
					return 1;
				}
				out.printf(Locale.ROOT,
						"two instances, Redis 127.0.0.1:%d, %d pushes per round, at most %d in flight%n", redisPort,
						pushes, window);
				boolean all = true;
				for (String round : List.of("local", "cross-instance")) {
					PushRound run = PushRound.measure(round.equals("local") ? local : remote, receiver, RECEIVER,
							pushes, window);
					all &= run.allArrived();
					out.printf(Locale.ROOT,
							"push=%s pushes=%d sent=%d arrived=%d in-order=%b pushes-per-second=%.0f p50-ms=%.2f "
									+ "p99-ms=%.2f%n",
							round, run.pushes(), run.sent(), run.arrived(), run.inOrder(), run.perSecond(),
							run.p50Millis(), run.p99Millis());
				}
				return all ? 0 : 1;
			}
		}
	}

	/** Whether something on the port answers a RESP {@code PING} with {@code +PONG}. */
	private static boolean redisAnswers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			return "+PONG"
				.equals(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
					.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Sends until the receiver's name has reached Redis, as it does just after LOGIN. */
	private static boolean warmUp(LineClient sender, LineClient receiver) throws InterruptedException {
		long start = System.nanoTime();
		while (System.nanoTime() - start < WARM_UP_NANOS) {
			sender.send("SEND " + RECEIVER + " warm-up");
			if ("SENT".equals(sender.readLine())) {
				return ("MSG bench-remote warm-up").equals(receiver.readLine());
			}
			Thread.sleep(100);
		}
		return false;
	}

}
