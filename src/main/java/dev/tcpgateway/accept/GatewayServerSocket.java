package dev.tcpgateway.accept;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.connection.ConnectionCounters;
import org.jspecify.annotations.Nullable;

/**
 * The listening socket, with the accept policy Spring Integration's loop lacks. It takes
 * a connection slot before any byte is read and answers connections over the limits with
 * a one-line refusal; and it survives transient accept errors (descriptor exhaustion),
 * where Spring Integration would stop the whole listener on the first one.
 */
final class GatewayServerSocket extends java.net.ServerSocket {

	private static final long REFUSAL_LINGER_MILLIS = 1000;

	private final String listener;

	private final OpenConnections connections;

	private final byte[] refusal;

	private final AcceptFailures failures;

	private final ConnectionCounters counters;

	private final AdmissionRules rules;

	private volatile boolean draining;

	/** Opened when the listener stops: ends the accept thread's wait during a drain. */
	private final CountDownLatch stopped = new CountDownLatch(1);

	/**
	 * Whether the accept loop is inside {@code accept()} (see {@link #stopAccepting}).
	 */
	private volatile boolean accepting;

	/** Counted down when an accept ends because the port was closed for the drain. */
	private final CountDownLatch acceptEnded = new CountDownLatch(1);

	GatewayServerSocket(String listener, OpenConnections connections, ConnectionCounters counters, AdmissionRules rules,
			byte[] refusal) throws IOException {
		this.listener = listener;
		this.rules = rules;
		this.counters = counters;
		this.connections = connections;
		this.refusal = refusal;
		this.failures = new AcceptFailures(listener);
	}

	@Override
	public Socket accept() throws IOException {
		while (true) {
			AdmittedSocket socket = new AdmittedSocket(this.connections, this.counters);
			this.accepting = true;
			try {
				implAccept(socket);
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				if (this.draining) {
					this.acceptEnded.countDown();
					awaitStop();
					throw ex;
				}
				if (isClosed()) {
					throw ex;
				}
				pause(this.failures.failed(ex));
				continue;
			}
			finally {
				this.accepting = false;
			}
			this.failures.succeeded();
			InetAddress peer = socket.getInetAddress();
			boolean proxied = this.rules.proxyProtocol().enabled();
			Refusal denied = proxied ? (this.rules.isTrustedProxy(peer) ? null : Refusal.UNTRUSTED_PROXY)
					: (this.rules.clients().admits(peer) ? null : Refusal.DENIED);
			if (denied != null) {
				// No reply: nothing is owed to a client that may not connect at all.
				this.connections.countRefusal(denied);
				closeQuietly(socket);
				continue;
			}
			// Behind a PROXY-protocol balancer every connection comes from the balancer:
			// the real client is counted once its header has arrived.
			InetAddress client = proxied ? null : peer;
			Refusal reason = this.connections.tryOpen(client);
			if (reason == null) {
				socket.slotTaken(client);
				return socket;
			}
			refuse(socket);
		}
	}

	/**
	 * Stops accepting, for a drain: the port closes, so the kernel refuses new clients at
	 * once (a load balancer retries them elsewhere), while the connections already open
	 * stay. Spring Integration would take a failed accept for a broken listener and close
	 * every connection, so its accept thread waits here instead until the listener stops.
	 */
	void stopAccepting() throws IOException {
		this.draining = true;
		super.close();
		// A close while a (virtual) thread is blocked in accept releases the port only
		// once that thread has run and returned; until then the kernel still completes
		// connects to it. Seen under load: a drained client reconnected to the closed
		// port. So wait, briefly, for the accept to end.
		if (this.accepting) {
			try {
				this.acceptEnded.await(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.stopped.countDown();
		super.close();
	}

	private void awaitStop() throws InterruptedIOException {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while draining");
		}
	}

	/** The last accept error and its time, or null if there never was one. */
	@Nullable String lastAcceptFailure() {
		return this.failures.last();
	}

	/** The accept error now in progress, or null while accepts succeed. */
	@Nullable String acceptFailure() {
		return this.failures.current();
	}

	/**
	 * Answers on a virtual thread of its own, so that a refusal never waits for (or
	 * takes) one of the listener's threads and the accept loop goes straight back to
	 * accepting.
	 */
	private void refuse(Socket socket) {
		Thread.ofVirtual().name("tcp-" + this.listener + "-refusal").start(() -> writeRefusal(socket));
	}

	private void writeRefusal(Socket socket) {
		try (socket) {
			socket.setSoTimeout((int) REFUSAL_LINGER_MILLIS);
			socket.getOutputStream().write(this.refusal);
			socket.shutdownOutput();
			// Drain briefly, so unread request bytes do not turn our close into a reset
			// that
			// destroys the refusal before the client reads it.
			InputStream in = socket.getInputStream();
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSAL_LINGER_MILLIS);
			byte[] sink = new byte[1024];
			while (System.nanoTime() < deadline && in.read(sink) >= 0) {
				// discard
			}
		}
		catch (IOException ex) {
			// The client went away first; nothing to tell it.
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	private static void pause(long millis) throws InterruptedIOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while waiting to accept again");
		}
	}

}
