package dev.tcpgateway.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Talks to connected clients from any bean: pushes a message to one connection (by the
 * name it was given, or its connection id) or to every connection of a listener, lists
 * and closes them. Each push is framed by the listener's framing and written as a whole
 * frame between replies; it is queued, so no call here waits for a client. Results say
 * what happened; an absent client is a result, not an exception.
 */
public final class TcpConnections {

	private final SessionRegistry sessions;

	public TcpConnections(SessionRegistry sessions) {
		this.sessions = sessions;
	}

	/** Pushes {@code text} as UTF-8. */
	public PushResult send(String nameOrId, String text) {
		return send(nameOrId, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Pushes {@code payload} to the connection with this name (or, failing that, this
	 * connection id), framed like a reply on its listener.
	 */
	public PushResult send(String nameOrId, byte[] payload) {
		TcpSession session = this.sessions.find(nameOrId);
		if (session == null) {
			RemoteSessions remote = this.sessions.remote();
			return (remote != null) ? remote.send(nameOrId, payload) : PushResult.NO_SUCH_CONNECTION;
		}
		return send(session, payload);
	}

	/**
	 * Pushes {@code payload} to this connection of this instance, framed like a reply on
	 * its listener.
	 */
	public PushResult send(TcpSession session, byte[] payload) {
		PushTarget target = this.sessions.target(session.listener());
		PushQueue pushes = session.pushes();
		if (target == null || pushes == null) {
			return PushResult.NO_SUCH_CONNECTION;
		}
		byte[] frame = target.frame(payload);
		if (frame == null) {
			target.count(PushResult.REFUSED);
			return PushResult.REFUSED;
		}
		return pushes.offer(frame);
	}

	/** Broadcasts {@code text} as UTF-8. */
	public BroadcastResult broadcast(String listener, String text) {
		return broadcast(listener, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Pushes {@code payload} to every open connection of {@code listener}; returns once
	 * it is queued for each, whatever any client is doing. With the cluster on, every
	 * other instance is handed it too; the result counts this instance's connections.
	 */
	public BroadcastResult broadcast(String listener, byte[] payload) {
		RemoteSessions remote = this.sessions.remote();
		if (remote != null) {
			remote.broadcast(listener, payload);
		}
		return broadcastHere(listener, payload);
	}

	/**
	 * Pushes {@code payload} to every open connection of {@code listener} on this
	 * instance only.
	 */
	public BroadcastResult broadcastHere(String listener, byte[] payload) {
		PushTarget target = this.sessions.target(listener);
		if (target == null) {
			return new BroadcastResult(0, 0, 0, false);
		}
		byte[] frame = target.frame(payload);
		if (frame == null) {
			target.count(PushResult.REFUSED);
			return new BroadcastResult(0, 0, 0, true);
		}
		int queued = 0;
		int dropped = 0;
		int failed = 0;
		for (TcpSession session : this.sessions.list(listener)) {
			PushQueue pushes = session.pushes();
			PushResult result = (pushes != null) ? pushes.offer(frame) : PushResult.FAILED;
			switch (result) {
				case QUEUED -> queued++;
				case DROPPED -> dropped++;
				default -> failed++;
			}
		}
		return new BroadcastResult(queued, dropped, failed, false);
	}

	/** The open connections of {@code listener}, or of every listener when null. */
	public List<TcpSession> list(@Nullable String listener) {
		return this.sessions.list(listener);
	}

	/** The open connection with this name, else with this connection id. */
	public Optional<TcpSession> find(String nameOrId) {
		return Optional.ofNullable(this.sessions.find(nameOrId));
	}

	/**
	 * Closes the connection with this name or id (close reason {@code closed-by-server});
	 * false when there is none.
	 */
	public boolean close(String nameOrId) {
		return close(nameOrId, SessionEnd.CLOSED_BY_SERVER);
	}

	/**
	 * Closes the connection with this name or id on this instance, counted under
	 * {@code reason}; false when there is none.
	 */
	public boolean close(String nameOrId, SessionEnd reason) {
		TcpSession session = this.sessions.find(nameOrId);
		SessionChannel channel = (session != null) ? session.channel() : null;
		if (channel == null) {
			return false;
		}
		channel.end(reason);
		return true;
	}

	/** Named connections over every instance when the cluster is on; empty otherwise. */
	public Optional<ClusterCount> cluster() {
		RemoteSessions remote = this.sessions.remote();
		return Optional.ofNullable((remote != null) ? remote.count() : null);
	}

	/** Push bytes waiting to be written now, over every connection. */
	public long queuedBytes() {
		return this.sessions.queuedBytes();
	}

}
