package dev.tcpgateway.connection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's traffic and connection ends, counted where they happen (socket reads and
 * writes, connection close) and read by the meters. Adders, so that connections on
 * different threads never contend on one counter.
 */
public final class ConnectionCounters {

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final Map<CloseReason, LongAdder> closed = new EnumMap<>(CloseReason.class);

	public ConnectionCounters() {
		for (CloseReason reason : CloseReason.values()) {
			this.closed.put(reason, new LongAdder());
		}
	}

	void received(int bytes) {
		this.bytesReceived.add(bytes);
	}

	/** Bytes written to a client (counted where the accepted socket writes). */
	public void sent(int bytes) {
		this.bytesSent.add(bytes);
	}

	void countClose(CloseReason reason) {
		this.closed.get(reason).increment();
	}

	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	public long bytesSent() {
		return this.bytesSent.sum();
	}

	public long closes(CloseReason reason) {
		return this.closed.get(reason).sum();
	}

}
