package dev.tcpgateway.accept;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import dev.tcpgateway.connection.ConnectionCounters;
import org.jspecify.annotations.Nullable;

/**
 * An accepted socket that holds one of the listener's connection slots and gives it back
 * when it is closed, whichever code path closes it (our connection, Spring Integration, a
 * shutdown).
 */
public final class AdmittedSocket extends Socket {

	private final OpenConnections connections;

	private final ConnectionCounters counters;

	private @Nullable CountingOutputStream output;

	private @Nullable CoalescingOutputStream coalescing;

	private final AtomicBoolean holdsSlot = new AtomicBoolean();

	private volatile @Nullable InetAddress client;

	AdmittedSocket(OpenConnections connections, ConnectionCounters counters) {
		this.connections = connections;
		this.counters = counters;
	}

	/**
	 * The socket's output, counted for {@code tcp.bytes.sent}, and holding back replies
	 * to pipelined requests once {@link #coalesceWrites} was called.
	 */
	@Override
	public synchronized OutputStream getOutputStream() throws IOException {
		if (this.output == null) {
			this.output = new CountingOutputStream(super.getOutputStream(), this.counters);
		}
		return (this.coalescing != null) ? this.coalescing : this.output;
	}

	/**
	 * From now on, flushes wait while {@code moreRequestsBuffered} says the client's next
	 * request is already here (see {@link CoalescingOutputStream}); {@code holdStarted}
	 * is told when a reply starts being held.
	 */
	public synchronized void coalesceWrites(BooleanSupplier moreRequestsBuffered, LongConsumer holdStarted)
			throws IOException {
		CountingOutputStream counted = (this.output != null) ? this.output
				: new CountingOutputStream(super.getOutputStream(), this.counters);
		this.output = counted;
		this.coalescing = new CoalescingOutputStream(counted, moreRequestsBuffered, holdStarted);
	}

	/** Bytes written to the client so far. */
	public long bytesWritten() {
		CountingOutputStream counted = this.output;
		return (counted != null) ? counted.written() : 0;
	}

	/** Writes out replies held back for coalescing; does nothing if none are. */
	public void flushHeld() throws IOException {
		CoalescingOutputStream held = this.coalescing;
		if (held != null && held.pendingSinceNanos() != 0) {
			held.flushHeld();
		}
	}

	/** When the oldest held-back reply byte was written; 0 when none is held. */
	public long heldSinceNanos() {
		CoalescingOutputStream held = this.coalescing;
		return (held != null) ? held.pendingSinceNanos() : 0;
	}

	/**
	 * @param client the address counted against max-connections-per-client, or null while
	 * the real client is not known yet (PROXY protocol)
	 */
	void slotTaken(@Nullable InetAddress client) {
		this.client = client;
		this.holdsSlot.set(true);
	}

	/**
	 * Counts the real client, from the PROXY header, against max-connections-per-client;
	 * false when it holds them all already.
	 */
	public synchronized boolean takeClientSlot(InetAddress realClient) {
		if (!this.connections.tryTakeClientSlot(realClient)) {
			return false;
		}
		this.client = realClient;
		return true;
	}

	/** Counts this connection as refused for that reason (it is about to be closed). */
	public void refused(Refusal reason) {
		this.connections.countRefusal(reason);
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			super.close();
		}
		finally {
			if (this.holdsSlot.compareAndSet(true, false)) {
				this.connections.close(this.client);
			}
		}
	}

}
