package dev.tcpgateway.cluster;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tcpgateway.support.RawClient;
import org.HdrHistogram.Histogram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code count} pushes with {@code SEND}, at most {@link #WINDOW} on their way at once,
 * while another thread reads the replies; each carries the time it was written, and the
 * receiver records how long each took to arrive.
 */
record PushRun(int sent, int received, double perSecond, double p50Millis, double p99Millis) {

	/** Pushes written and not yet arrived, at most. */
	static final int WINDOW = 32;

	static PushRun measure(RawClient sender, RawClient receiver, int count) throws InterruptedException {
		AtomicInteger sent = new AtomicInteger();
		long start = System.nanoTime();
		Thread replies = Thread.ofVirtual().start(() -> {
			for (int i = 0; i < count; i++) {
				if (sender.readLine().equals("SENT")) {
					sent.incrementAndGet();
				}
			}
		});
		Semaphore window = new Semaphore(WINDOW);
		Thread.ofVirtual().start(() -> {
			for (int i = 0; i < count; i++) {
				window.acquireUninterruptibly();
				sender.send("SEND henry " + i + " " + System.nanoTime() + "\r\n");
			}
		});
		Histogram latency = new Histogram(3);
		int received = 0;
		int last = -1;
		while (received < count && (replies.isAlive() || received < sent.get())) {
			String[] message = next(receiver, received, sent.get()).split(" ");
			int sequence = Integer.parseInt(message[2]);
			assertThat(sequence).isGreaterThan(last);
			last = sequence;
			latency.recordValue((System.nanoTime() - Long.parseLong(message[3])) / 1000);
			received++;
			window.release();
		}
		replies.join();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new PushRun(sent.get(), received, received / seconds, latency.getValueAtPercentile(50) / 1000.0,
				latency.getValueAtPercentile(99) / 1000.0);
	}

	private static String next(RawClient receiver, int received, int sent) {
		try {
			return receiver.readLine();
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("push " + received + " did not arrive; " + sent + " were sent so far", ex);
		}
	}

}
