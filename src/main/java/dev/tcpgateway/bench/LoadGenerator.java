package dev.tcpgateway.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * A load generator for any of the server's framings, shipped with it the way
 * redis-benchmark ships with Redis:
 * {@code java -jar tcp-gateway.jar bench --port 1730 --duration 10s}. One virtual thread
 * per connection; optional pipelining and a fixed rate; latencies in an HdrHistogram
 * (from the intended send time when a rate is set, so a stalled server cannot hide its
 * stalls). Over TLS with {@code --tls}; with {@code --storm N}, N clients connect at once
 * instead ({@link ReconnectStorm}).
 */
public final class LoadGenerator {

	private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

	/**
	 * A connection waiting longer than this for a reply is closed and counted as an
	 * error, so a hung server cannot hang the run.
	 */
	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

	private final LoadOptions options;

	private final PrintStream out;

	private final byte[] batch;

	private final boolean closeAfterReply;

	private final Recorder recorder = new Recorder(3);

	private final Histogram total = new Histogram(3);

	private final LongAdder completed = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder connectErrors = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private final AtomicLong unclaimed;

	/** Open connections, checked for stalled replies once per report interval. */
	private final Set<Connection> open = ConcurrentHashMap.newKeySet();

	private final long replyTimeoutNanos;

	private final @Nullable ClientTls tls;

	private volatile boolean stopping;

	/** Why the server's certificate was not trusted, when it was not. */
	private volatile @Nullable String untrusted;

	LoadGenerator(LoadOptions options, PrintStream out) {
		this(options, out, REPLY_TIMEOUT);
	}

	LoadGenerator(LoadOptions options, PrintStream out, Duration replyTimeout) {
		this.replyTimeoutNanos = replyTimeout.toNanos();
		this.tls = (options.tls() != null) ? ClientTls.load(options.tls()) : null;
		this.options = options;
		this.out = out;
		byte[] request = framed(options);
		this.batch = new byte[request.length * options.pipeline()];
		for (int i = 0; i < options.pipeline(); i++) {
			System.arraycopy(request, 0, this.batch, i * request.length, request.length);
		}
		this.closeAfterReply = new String(options.payload()).toLowerCase(Locale.ROOT).contains("connection: close")
				|| (options.tls() != null && options.tls().resume());
		this.unclaimed = new AtomicLong((options.requests() > 0) ? options.requests() : Long.MAX_VALUE);
	}

	/**
	 * Entry point for {@code java -jar tcp-gateway.jar bench ...}; returns the exit
	 * status.
	 */
	public static int run(String[] args, PrintStream out) {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (RuntimeException ex) {
			out.println("bench: " + ex.getMessage());
			out.println(LoadOptions.USAGE);
			return 2;
		}
		try {
			if (options.storm() > 0) {
				return new ReconnectStorm(options, out).run();
			}
			if (options.warmUp() > 0) {
				// Compiles the client's own hot path too, which a separate warm-up run
				// could not.
				new LoadGenerator(options.warmUpRun(), new PrintStream(OutputStream.nullOutputStream())).run();
			}
			return new LoadGenerator(options, out).run();
		}
		catch (IllegalArgumentException ex) {
			out.println("bench: " + ex.getMessage());
			return 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/** Runs the load; the exit status is 1 when a TLS handshake failed, else 0. */
	int run() throws InterruptedException {
		this.out.printf("bench: %s:%d %s%s, %d connections, pipeline %d%s, %s%n", this.options.host(),
				this.options.port(), this.options.framing().configName(), (this.tls != null) ? " over TLS" : "",
				this.options.connections(), this.options.pipeline(),
				(this.options.rate() > 0) ? ", " + this.options.rate() + " req/s" : "",
				(this.options.duration() != null) ? this.options.duration().toSeconds() + " s"
						: this.options.requests() + " requests");
		long start = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < this.options.connections(); i++) {
			workers.add(Thread.ofVirtual().name("bench-" + i).start(this::work));
		}
		try (IntervalReport report = new IntervalReport(this.options.hdr(), this.out)) {
			long deadline = (this.options.duration() != null) ? start + this.options.duration().toNanos()
					: Long.MAX_VALUE;
			while (workers.stream().anyMatch(Thread::isAlive)) {
				long now = System.nanoTime();
				if (now >= deadline) {
					this.stopping = true;
				}
				Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
				closeStalled();
				Histogram interval = this.recorder.getIntervalHistogram();
				this.total.add(interval);
				report.interval(interval, System.nanoTime() - start, this.errors.sum());
			}
		}
		Histogram last = this.recorder.getIntervalHistogram();
		this.total.add(last);
		Summary summary = new Summary(this.options, this.total, System.nanoTime() - start, this.completed.sum(),
				this.errors.sum(), this.connectErrors.sum(), this.bytesIn.sum(), this.bytesOut.sum());
		summary.print(this.out);
		if (this.options.csv() != null) {
			summary.appendCsv(this.options.csv());
		}
		if (this.tls == null) {
			return 0;
		}
		this.tls.print(this.out, this.untrusted);
		return (this.tls.failed() > 0) ? 1 : 0;
	}

	private void work() {
		long intervalNanos = (this.options.rate() > 0) ? TimeUnit.SECONDS.toNanos(1) * this.options.connections()
				* this.options.pipeline() / this.options.rate() : 0;
		long intended = System.nanoTime();
		Connection connection = null;
		// A resuming worker keeps its sessions from one connection to the next.
		SSLContext sessions = (this.tls != null && this.options.tls().resume()) ? this.tls.newSessionCache() : null;
		ReplyReader reader = new ReplyReader(this.options.framing(), this.options.codec());
		while (!this.stopping) {
			int count = claim();
			if (count == 0) {
				break;
			}
			try {
				if (connection == null) {
					connection = connect(sessions);
				}
				if (intervalNanos > 0) {
					intended += intervalNanos;
					long wait = intended - System.nanoTime();
					if (wait > 0) {
						Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait), (int) (wait % 1_000_000));
					}
				}
				long sent = (intervalNanos > 0) ? intended : System.nanoTime();
				connection.awaitReplies();
				connection.out().write(this.batch, 0, this.batch.length / this.options.pipeline() * count);
				connection.out().flush();
				this.bytesOut.add((long) this.batch.length / this.options.pipeline() * count);
				for (int i = 0; i < count; i++) {
					int size = reader.read(connection.in());
					this.recorder.recordValue(Math.max(0, System.nanoTime() - sent));
					this.completed.increment();
					this.bytesIn.add(Math.abs(size));
					if (size < 0) {
						this.errors.increment();
					}
				}
				connection.replied();
				if (this.closeAfterReply || reader.serverCloses()) {
					connection.close();
					connection = null;
				}
			}
			catch (IOException | UncheckedIOException ex) {
				if (!this.stopping) {
					this.errors.increment();
				}
				if (ClientTls.untrusted(ex)) {
					// No later connection would be trusted either.
					this.untrusted = ex.getMessage();
					this.stopping = true;
				}
				if (connection != null) {
					connection.close();
				}
				connection = null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (connection != null) {
			connection.close();
		}
	}

	/**
	 * Closes connections that have waited too long for a reply (their worker counts the
	 * error). The reads themselves are untimed: a socket timeout would make every read of
	 * a virtual thread that has to wait a timed park, which schedules and cancels a task
	 * on the JDK's timer queue per reply, CPU the generator would take from the server it
	 * measures.
	 */
	private void closeStalled() {
		long now = System.nanoTime();
		for (Connection connection : this.open) {
			long since = connection.waitingSince;
			if (since != 0 && now - since > this.replyTimeoutNanos) {
				connection.close();
			}
		}
	}

	/** Takes up to one pipeline's worth of the requests left to send. */
	private int claim() {
		while (true) {
			long left = this.unclaimed.get();
			if (left <= 0) {
				return 0;
			}
			int take = (int) Math.min(left, this.options.pipeline());
			if (this.unclaimed.compareAndSet(left, left - take)) {
				return take;
			}
		}
	}

	private Connection connect(@Nullable SSLContext sessions) throws IOException {
		Socket socket = new Socket();
		try {
			socket = open(socket, this.options, this.tls, sessions, (int) CONNECT_TIMEOUT_MILLIS);
			Connection connection = new Connection(socket, new BufferedInputStream(socket.getInputStream(), 64 * 1024),
					new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
			this.open.add(connection);
			return connection;
		}
		catch (IOException ex) {
			this.connectErrors.increment();
			socket.close();
			throw ex;
		}
	}

	/**
	 * Connects the socket and, with TLS, completes the handshake, with a context of its
	 * own unless {@code sessions} are given; returns the socket to talk over.
	 */
	static Socket open(Socket socket, LoadOptions options, @Nullable ClientTls tls, @Nullable SSLContext sessions,
			int connectTimeoutMillis) throws IOException {
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(options.host(), options.port()), connectTimeoutMillis);
		if (tls == null) {
			return socket;
		}
		return tls.handshake(socket, options.host(), options.port(),
				(sessions != null) ? sessions : tls.newSessionCache());
	}

	static byte[] framed(LoadOptions options) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			options.codec().serializer().serialize(options.payload(), bytes);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		/** When it started waiting for replies, or 0 when it waits for none. */
		private volatile long waitingSince;

		Connection(Socket socket, InputStream in, OutputStream out) {
			this.socket = socket;
			this.in = in;
			this.out = out;
		}

		InputStream in() {
			return this.in;
		}

		OutputStream out() {
			return this.out;
		}

		void awaitReplies() {
			this.waitingSince = System.nanoTime();
		}

		void replied() {
			this.waitingSince = 0;
		}

		void close() {
			LoadGenerator.this.open.remove(this);
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}

	}

}
