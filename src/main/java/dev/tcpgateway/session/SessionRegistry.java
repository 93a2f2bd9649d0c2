package dev.tcpgateway.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The server's open sessions, by connection id and by name, and the listeners they can be
 * pushed to. Connections open and close their sessions here; {@link TcpConnections} reads
 * it.
 */
public final class SessionRegistry {

	private final Map<String, TcpSession> byId = new ConcurrentHashMap<>();

	private final Map<String, TcpSession> byName = new ConcurrentHashMap<>();

	private final Map<String, PushTarget> targets = new ConcurrentHashMap<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final MeterRegistry meterRegistry;

	private final long maxQueuedBytes;

	private volatile @Nullable RemoteSessions remote;

	/**
	 * @param maxQueuedBytes the most push bytes waiting for one connection
	 * ({@code tcp.push.max-queued-bytes})
	 */
	public SessionRegistry(MeterRegistry meterRegistry, long maxQueuedBytes) {
		this.meterRegistry = meterRegistry;
		this.maxQueuedBytes = maxQueuedBytes;
		Gauge.builder("tcp.pushes.queued.bytes", this.queuedBytes, AtomicLong::get)
			.description("Push bytes waiting to be written, over every connection")
			.baseUnit("bytes")
			.register(meterRegistry);
	}

	/**
	 * Declares a listener's framing for pushes: {@code framer} turns a payload into what
	 * its serializer writes, or null when the framing cannot carry it.
	 */
	public void addListener(String listener, Function<byte[], byte @Nullable []> framer, boolean accessLog) {
		this.targets.put(listener, new PushTarget(listener, framer, accessLog, this.queuedBytes, this.meterRegistry));
	}

	/**
	 * Joins this server to others: names taken and released here are told to
	 * {@code remote}, and pushes to names not held here go through it.
	 */
	public void remote(@Nullable RemoteSessions remote) {
		this.remote = remote;
	}

	@Nullable RemoteSessions remote() {
		return this.remote;
	}

	/** A connection was admitted: its session, findable from now on. */
	public TcpSession open(String listener, String id, InetSocketAddress client, SessionChannel channel) {
		PushTarget target = this.targets.get(listener);
		PushQueue pushes = (target != null) ? new PushQueue(id, channel, target, this.maxQueuedBytes) : null;
		TcpSession session = new TcpSession(listener, id, client, this, channel, pushes);
		this.byId.put(id, session);
		return session;
	}

	/** The connection closed: its name is released, its pushes dropped. */
	public void close(TcpSession session) {
		this.byId.remove(session.id(), session);
		String name = session.name();
		if (name != null && this.byName.remove(name, session)) {
			released(name);
		}
		session.closed();
	}

	void rename(TcpSession session, String name) {
		synchronized (session) {
			String old = session.name();
			if (name.equals(old)) {
				return;
			}
			if (!session.isOpen()) {
				return;
			}
			TcpSession previous = this.byName.put(name, session);
			if (old != null && this.byName.remove(old, session)) {
				released(old);
			}
			session.assignName(name);
			RemoteSessions remote = this.remote;
			if (remote != null) {
				remote.named(name);
			}
			if (previous != null && previous != session) {
				previous.assignName(null);
				SessionChannel channel = previous.channel();
				if (channel != null) {
					channel.end(SessionEnd.REPLACED);
				}
			}
		}
		if (!session.isOpen()) {
			// Closed while being named: do not keep the name.
			if (this.byName.remove(name, session)) {
				released(name);
			}
		}
	}

	private void released(String name) {
		RemoteSessions remote = this.remote;
		if (remote != null) {
			remote.released(name);
		}
	}

	/** The open session with this name, else with this connection id; null if none. */
	@Nullable TcpSession find(String nameOrId) {
		TcpSession named = this.byName.get(nameOrId);
		return (named != null) ? named : this.byId.get(nameOrId);
	}

	List<TcpSession> list(@Nullable String listener) {
		List<TcpSession> sessions = new ArrayList<>();
		for (TcpSession session : this.byId.values()) {
			if (listener == null || listener.equals(session.listener())) {
				sessions.add(session);
			}
		}
		return sessions;
	}

	@Nullable PushTarget target(String listener) {
		return this.targets.get(listener);
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

}
