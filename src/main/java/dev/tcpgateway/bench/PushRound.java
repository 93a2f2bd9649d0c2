package dev.tcpgateway.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

/**
 * One round of the cluster push benchmark: {@code count} {@code SEND}s from one client to
 * another, at most {@code window} written and not yet arrived, while another thread reads
 * the sender's replies. Each push carries its sequence number and the time it was
 * written; the receiver, in this JVM and so on the same monotonic clock, records how long
 * it took to arrive and checks that pushes arrive in order.
 */
record PushRound(int pushes, int sent, int arrived, boolean inOrder, double perSecond, double p50Millis,
		double p99Millis) {

	static PushRound measure(LineClient sender, LineClient receiver, String receiverName, int count, int window)
			throws InterruptedException {
		AtomicInteger sent = new AtomicInteger();
		Semaphore inFlight = new Semaphore(window);
		long start = System.nanoTime();
		Thread replies = Thread.ofVirtual().start(() -> {
			for (int i = 0; i < count; i++) {
				String reply = sender.readLine();
				if (reply == null) {
					return;
				}
				if (reply.equals("SENT")) {
					sent.incrementAndGet();
				}
				else {
					// Not sent, so it will not arrive: free its place.
					inFlight.release();
				}
			}
		});
		Thread writer = Thread.ofVirtual().start(() -> {
			for (int i = 0; i < count; i++) {
				inFlight.acquireUninterruptibly();
				sender.send("SEND " + receiverName + " " + i + " " + System.nanoTime());
			}
		});
		Histogram latency = new Histogram(3);
		int arrived = 0;
		int last = -1;
		boolean inOrder = true;
		while (arrived < count && (replies.isAlive() || arrived < sent.get())) {
			String line = receiver.readLine();
			if (line == null) {
				break;
			}
			// MSG <sender> <sequence> <nanos>
			String[] message = line.split(" ");
			int sequence = Integer.parseInt(message[2]);
			inOrder &= sequence > last;
			last = sequence;
			latency.recordValue(Math.max(0, (System.nanoTime() - Long.parseLong(message[3])) / 1000));
			arrived++;
			inFlight.release();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		inFlight.release(count);
		writer.join(10_000);
		replies.join(10_000);
		return new PushRound(count, sent.get(), arrived, inOrder, arrived / seconds,
				latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0);
	}

	boolean allArrived() {
		return this.arrived == this.pushes && this.inOrder;
	}

}
