package dev.tcpgateway.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.memory.ClientMemoryBudget;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * On a plain socket the read deadlines are the sweeper's: the read itself is untimed,
 * publishes its deadline, and ends with the right timeout once the deadline is expired.
 * Real sockets on loopback.
 */
class ClientInputStreamTests {

	/** Connections are read on virtual threads, as in the server. */
	private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

	private ServerSocket server;

	private Socket client;

	private Socket accepted;

	private final ClientMemoryBudget budget = new ClientMemoryBudget(1 << 20);

	/** What the stream reported to its sweeper watch. */
	private final Queue<Long> reportedDeadlines = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void connect() throws IOException {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.client = new Socket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		this.accepted = this.server.accept();
	}

	@AfterEach
	void close() throws IOException {
		this.client.close();
		this.accepted.close();
		this.server.close();
		this.readers.close();
	}

	@Test
	void idleReadIsUntimedAndEndsAsIdleTimeoutWhenExpired() throws Exception {
		ClientInputStream input = input(Duration.ofMillis(300), Duration.ofSeconds(10));
		long start = System.nanoTime();
		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(input), this.readers);
		long deadline = awaitDeadline(input);
		assertThat(this.accepted.getSoTimeout()).as("no socket timeout on a plain socket").isZero();
		assertThat(deadline - start).isBetween(Duration.ofMillis(200).toNanos(), Duration.ofMillis(1300).toNanos());
		assertThat(this.reportedDeadlines).as("reported to the sweeper").containsExactly(deadline);
		assertThat(input.expireRead(deadline - 1)).as("not due yet").isFalse();
		assertThat(read).isNotDone();
		assertThat(input.expireRead(deadline)).isTrue();
		assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.hasCauseExactlyInstanceOf(SocketTimeoutException.class);
		assertThat(input.endedBy()).isEqualTo(CloseReason.IDLE_TIMEOUT);
		assertThat(input.readDeadlineNanos()).isZero();
	}

	@Test
	void frameReadEndsAsFrameTimeoutAndTheReplyCanStillBeWritten() throws Exception {
		ClientInputStream input = input(Duration.ofMinutes(5), Duration.ofMillis(500));
		this.client.getOutputStream().write('P');
		input.nextFrame();
		assertThat(input.read()).isEqualTo('P');
		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(input), this.readers);
		long deadline = awaitDeadline(input);
		assertThat(input.expireRead(deadline + 1)).isTrue();
		assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.cause()
			.hasCauseExactlyInstanceOf(FrameTimeoutException.class);
		this.accepted.getOutputStream().write("ERR frame timeout\r\n".getBytes(StandardCharsets.US_ASCII));
		this.client.setSoTimeout(5000);
		byte[] reply = this.client.getInputStream().readNBytes(19);
		assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("ERR frame timeout\r\n");
	}

	@Test
	void readThatIsNotDueGetsItsBytes() throws Exception {
		ClientInputStream input = input(Duration.ofMinutes(5), Duration.ofSeconds(10));
		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(input), this.readers);
		long deadline = awaitDeadline(input);
		assertThat(input.expireRead(deadline - Duration.ofSeconds(1).toNanos())).isFalse();
		this.client.getOutputStream().write('Q');
		assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo((int) 'Q');
		assertThat(input.readDeadlineNanos()).as("no read waits").isZero();
		assertThat(input.endedBy()).isNull();
	}

	@Test
	void noIdleTimeoutMeansNoDeadline() throws Exception {
		ClientInputStream input = input(Duration.ZERO, Duration.ofSeconds(10));
		CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(input), this.readers);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
		assertThat(input.readDeadlineNanos()).isZero();
		assertThat(this.reportedDeadlines).as("nothing for the sweeper to enforce").containsOnly(0L);
		assertThat(input.expireRead(System.nanoTime() + Duration.ofDays(1).toNanos())).isFalse();
		this.client.getOutputStream().write('R');
		assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo((int) 'R');
	}

	@Test
	void idleConnectionHoldsNoInputBufferAndShortRequestsKeepTheFirstSize() throws Exception {
		ClientInputStream input = input(Duration.ofMinutes(5), Duration.ofSeconds(10), 4096, this.budget);
		assertThat(input.bufferSize()).as("nothing read yet").isZero();
		this.client.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(new String(input.readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("PING\r\n");
		assertThat(input.bufferSize()).isEqualTo(ClientInputStream.FIRST_BUFFER_SIZE);
	}

	@Test
	void inputBufferGrowsToItsFullSizeAndLargeFramesArriveWholeWithOnlyTheFrameCharged() throws Exception {
		ClientInputStream input = input(Duration.ofMinutes(5), Duration.ofSeconds(10), 4096, this.budget);
		byte[] line = new byte[60_000];
		for (int i = 0; i < line.length; i++) {
			line[i] = (byte) ('a' + i % 26);
		}
		CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
			try {
				this.client.getOutputStream().write(line);
				this.client.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, this.readers);
		input.nextFrame();
		Frame frame = Framing.CRLF.codec(65536).deserializer().deserialize(input);
		sent.get(5, TimeUnit.SECONDS);
		assertThat(frame).isInstanceOfSatisfying(Frame.Request.class,
				(request) -> assertThat(request.bytes()).isEqualTo(line));
		assertThat(input.bufferSize()).as("grown to its full size, not past it").isEqualTo(4096);
		assertThat(this.budget.held()).as("the frame buffer's growth from 128 bytes to 64 KB, nothing else")
			.isEqualTo(65536 - 128);
		input.frameRead();
		assertThat(this.budget.held()).isZero();
	}

	private ClientInputStream input(Duration idle, Duration frame) throws IOException {
		return input(idle, frame, 1024, new ClientMemoryBudget(Long.MAX_VALUE));
	}

	private ClientInputStream input(Duration idle, Duration frame, int bufferSize, ClientMemoryBudget memory)
			throws IOException {
		return new ClientInputStream(this.accepted, bufferSize, new ReadTimeouts(idle, frame), new ConnectionCounters(),
				memory.account(() -> {
				}), this.reportedDeadlines::add);
	}

	private static long awaitDeadline(ClientInputStream input) {
		await().atMost(Duration.ofSeconds(5)).until(() -> input.readDeadlineNanos() != 0);
		return input.readDeadlineNanos();
	}

	private static int readOne(ClientInputStream input) {
		try {
			return input.read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
