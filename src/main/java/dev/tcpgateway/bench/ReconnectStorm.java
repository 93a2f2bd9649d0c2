package dev.tcpgateway.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * A fleet coming back after a network blip or a deploy: {@code --storm N} starts N
 * clients together (a virtual thread each, released at once), each connects, makes its
 * TLS handshake when {@code --tls} is given and sends one request. Prints the time until
 * every client had its reply, the median and p99 of the clients' times, and how many were
 * refused, timed out or failed otherwise; the exit status is 1 when any did not get a
 * good reply. Connections stay open until every client is done, as a fleet's would.
 * {@code --warm-up N} first makes N connections, 50 at a time, untimed: the JDK compiles
 * its handshake code in the first thousands, on both sides.
 */
final class ReconnectStorm {

	/** How long one client may wait to connect, and then for its reply. */
	private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

	private final LoadOptions options;

	private final PrintStream out;

	private final @Nullable ClientTls tls;

	private final byte[] request;

	private final Queue<Socket> connected = new ConcurrentLinkedQueue<>();

	/** What went wrong for the first client that failed, to say why in the report. */
	private final AtomicReference<String> firstFailure = new AtomicReference<>();

	private static final int WARM_UP_CONCURRENCY = 50;

	ReconnectStorm(LoadOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.tls = (options.tls() != null) ? ClientTls.load(options.tls()) : null;
		this.request = LoadGenerator.framed(options);
	}

	int run() throws InterruptedException {
		if (this.options.warmUp() > 0) {
			warmUp(this.options.warmUp());
		}
		int clients = this.options.storm();
		this.out.printf("bench: %s:%d %s%s, a storm of %,d clients at once, one request each%n", this.options.host(),
				this.options.port(), this.options.framing().configName(), (this.tls != null) ? " over TLS" : "",
				clients);
		Outcome[] outcomes = new Outcome[clients];
		long[] replyNanos = new long[clients];
		CountDownLatch start = new CountDownLatch(1);
		long[] started = new long[1];
		List<Thread> threads = new ArrayList<>(clients);
		for (int i = 0; i < clients; i++) {
			int client = i;
			threads.add(Thread.ofVirtual().name("storm-" + i).start(() -> {
				try {
					start.await();
					outcomes[client] = connectAndAsk(this.tls, true);
					replyNanos[client] = System.nanoTime() - started[0];
				}
				catch (InterruptedException ex) {
					outcomes[client] = Outcome.FAILED;
				}
			}));
		}
		started[0] = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - started[0];
		closeAll();
		return report(outcomes, replyNanos, elapsed);
	}

	/**
	 * Connects and sends the request: {@code hold} keeps the connection open until the
	 * storm is over; otherwise it is closed after the reply.
	 */
	private Outcome connectAndAsk(@Nullable ClientTls tls, boolean hold) {
		Socket socket = new Socket();
		try {
			socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
			socket = LoadGenerator.open(socket, this.options, tls, null, CLIENT_TIMEOUT_MILLIS);
			if (hold) {
				this.connected.add(socket);
			}
			OutputStream out = socket.getOutputStream();
			out.write(this.request);
			out.flush();
			ReplyReader reader = new ReplyReader(this.options.framing(), this.options.codec());
			boolean good = reader.read(new BufferedInputStream(socket.getInputStream(), 1024)) >= 0;
			if (!hold) {
				close(socket);
			}
			if (!good) {
				this.firstFailure.compareAndSet(null, "an error reply");
				return Outcome.FAILED;
			}
			return Outcome.REPLIED;
		}
		catch (IOException | RuntimeException ex) {
			close(socket);
			this.firstFailure.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			if (ex instanceof ConnectException) {
				return Outcome.REFUSED;
			}
			return (ex instanceof SocketTimeoutException) ? Outcome.TIMED_OUT : Outcome.FAILED;
		}
	}

	/** Untimed connections, counted by a TLS client of their own. */
	private void warmUp(int connections) throws InterruptedException {
		ClientTls tls = (this.options.tls() != null) ? ClientTls.load(this.options.tls()) : null;
		AtomicInteger left = new AtomicInteger(connections);
		AtomicInteger failed = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < Math.min(connections, WARM_UP_CONCURRENCY); i++) {
			threads.add(Thread.ofVirtual().name("warm-up-" + i).start(() -> {
				while (left.getAndDecrement() > 0) {
					if (connectAndAsk(tls, false) != Outcome.REPLIED) {
						failed.incrementAndGet();
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		this.out.printf("warm-up   %,d connections, not timed (%,d failed)%n", connections, failed.get());
	}

	private int report(Outcome[] outcomes, long[] replyNanos, long elapsed) {
		long[] replied = new long[outcomes.length];
		int count = 0;
		int[] byOutcome = new int[Outcome.values().length];
		for (int i = 0; i < outcomes.length; i++) {
			byOutcome[outcomes[i].ordinal()]++;
			if (outcomes[i] == Outcome.REPLIED) {
				replied[count++] = replyNanos[i];
			}
		}
		long[] times = Arrays.copyOf(replied, count);
		Arrays.sort(times);
		int failed = outcomes.length - count;
		this.out.printf("storm     %,d clients: %,d replied, all done after %s%n", outcomes.length, count,
				Summary.millis(elapsed));
		this.out.printf("reply     time to first reply p50 %s   p99 %s   max %s%n", percentile(times, 50),
				percentile(times, 99), percentile(times, 100));
		this.out.printf("failed    %,d (refused %,d, timed out %,d, other %,d)%s%n", failed,
				byOutcome[Outcome.REFUSED.ordinal()], byOutcome[Outcome.TIMED_OUT.ordinal()],
				byOutcome[Outcome.FAILED.ordinal()],
				(this.firstFailure.get() != null) ? "; the first: " + this.firstFailure.get() : "");
		if (this.tls != null) {
			this.tls.print(this.out, null);
		}
		return (failed > 0) ? 1 : 0;
	}

	private static String percentile(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return "n/a";
		}
		int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
		return Summary.millis(sorted[Math.max(0, index)]);
	}

	private void closeAll() {
		Socket socket;
		while ((socket = this.connected.poll()) != null) {
			close(socket);
		}
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	private enum Outcome {

		REPLIED, REFUSED, TIMED_OUT, FAILED

	}

}
