package dev.tcpgateway.connection;

import java.net.InetSocketAddress;

import dev.tcpgateway.session.TcpSession;
import dev.tcpgateway.timeout.TimeoutSweeper;
import org.jspecify.annotations.Nullable;

/**
 * What the handler step needs from the connection a request came on, carried in the
 * request's {@link #HEADER} header: the client's address, and a slot for the deadline of
 * the handler call under way. The connection is watched by the {@link TimeoutSweeper} for
 * as long as it is open and enforces that deadline too, so a request costs a field write
 * instead of a sweeper slot of its own.
 */
public final class ConnectionContext {

	/** The request header that carries it. */
	public static final String HEADER = "tcp_gateway_connection";

	private final InetSocketAddress client;

	private final TcpSession session;

	/** The handler call under way (a connection handles one request at a time). */
	private volatile TimeoutSweeper.@Nullable Deadline call;

	/** The connection's watch, which the call's deadline is reported to. */
	private final TimeoutSweeper.Watch connectionWatch;

	ConnectionContext(InetSocketAddress client, TcpSession session, TimeoutSweeper.Watch connectionWatch) {
		this.client = client;
		this.session = session;
		this.connectionWatch = connectionWatch;
	}

	/**
	 * The client's address: the peer of the accepted socket, or the client a PROXY header
	 * named.
	 */
	public InetSocketAddress client() {
		return this.client;
	}

	/** The connection's session. */
	public TcpSession session() {
		return this.session;
	}

	/** Enforces this call's deadline until {@link #unwatch()}. */
	public void watch(TimeoutSweeper.Deadline call) {
		this.call = call;
		this.connectionWatch.due(call.deadlineNanos());
	}

	public void unwatch() {
		this.call = null;
	}

	/** The call's deadline, or 0 when no call is under way. */
	long callDeadlineNanos() {
		TimeoutSweeper.Deadline current = this.call;
		return (current != null) ? current.deadlineNanos() : 0;
	}

	/** Expires the call under way if its deadline has passed. */
	void expireCall(long nowNanos) {
		TimeoutSweeper.Deadline current = this.call;
		if (current != null) {
			long due = current.deadlineNanos();
			if (due != 0 && nowNanos - due >= 0) {
				current.expire();
			}
		}
	}

}
