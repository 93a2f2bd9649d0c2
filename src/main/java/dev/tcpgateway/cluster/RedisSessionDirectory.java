package dev.tcpgateway.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tcpgateway.cluster.ClusterMessage.Kind;
import dev.tcpgateway.session.ClusterCount;
import dev.tcpgateway.session.PushResult;
import dev.tcpgateway.session.RemoteSessions;
import dev.tcpgateway.session.SessionEnd;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.session.TcpConnections;
import dev.tcpgateway.session.TcpSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * This instance in the cluster: records the names its connections take in
 * {@link RedisNameRegistry}, renews them on a heartbeat, publishes pushes for names other
 * instances hold to their channel, and pushes what arrives on its own channel and the
 * broadcast channel (subscribed by Spring Data Redis's
 * {@code RedisMessageListenerContainer}). Names are recorded and released on a thread of
 * its own, in order, so a connection never waits for Redis; a push to another instance is
 * one lookup and one publish on the caller's thread, since the caller wants the outcome.
 */
final class RedisSessionDirectory implements RemoteSessions, MessageListener, SmartLifecycle {

	static final String BROADCAST_CHANNEL = RedisNameRegistry.PREFIX + "broadcast";

	private static final Log logger = LogFactory.getLog(RedisSessionDirectory.class);

	private final String instanceId;

	private final Duration ttl;

	private final SessionRegistry sessions;

	private final TcpConnections connections;

	private final RedisNameRegistry registry;

	private final ClusterState state;

	private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

	private final MeterRegistry meterRegistry;

	private final AtomicReference<@Nullable ClusterCount> count = new AtomicReference<>();

	private volatile @Nullable ScheduledExecutorService worker;

	RedisSessionDirectory(String instanceId, Duration ttl, SessionRegistry sessions, TcpConnections connections,
			RedisNameRegistry registry, ClusterState state, MeterRegistry meterRegistry) {
		this.instanceId = instanceId;
		this.ttl = ttl;
		this.sessions = sessions;
		this.connections = connections;
		this.registry = registry;
		this.state = state;
		this.meterRegistry = meterRegistry;
		Gauge.builder("tcp.cluster.names", this, (directory) -> {
			ClusterCount last = directory.count.get();
			return (last != null) ? last.named() : Double.NaN;
		})
			.description("Named connections in the registry over every instance, as last counted")
			.register(meterRegistry);
	}

	static String channel(String instanceId) {
		return RedisNameRegistry.PREFIX + "push:" + instanceId;
	}

	String instanceId() {
		return this.instanceId;
	}

	@Override
	public void named(String name) {
		run(() -> {
			String previous = this.registry.claim(name);
			if (previous != null && !previous.equals(this.instanceId)) {
				this.registry.publish(channel(previous),
						new ClusterMessage(Kind.REPLACED, name, this.instanceId, new byte[0]).encode());
			}
		});
	}

	@Override
	public void released(String name) {
		run(() -> this.registry.release(name));
	}

	@Override
	public PushResult send(String name, byte[] payload) {
		try {
			String owner = this.registry.owner(name);
			if (owner == null || owner.equals(this.instanceId)) {
				// Ours but not open here: closed since, its release not yet through.
				return counted("no-such-connection", PushResult.NO_SUCH_CONNECTION);
			}
			long receivers = this.registry.publish(channel(owner),
					new ClusterMessage(Kind.SEND, name, this.instanceId, payload).encode());
			// Nobody listening: the instance died and its names have not expired yet.
			return (receivers > 0) ? counted("forwarded", PushResult.QUEUED)
					: counted("instance-gone", PushResult.NO_SUCH_CONNECTION);
		}
		catch (RuntimeException ex) {
			return counted("unavailable", PushResult.UNAVAILABLE);
		}
	}

	@Override
	public void broadcast(String listener, byte[] payload) {
		try {
			this.registry.publish(BROADCAST_CHANNEL,
					new ClusterMessage(Kind.BROADCAST, listener, this.instanceId, payload).encode());
			counted("broadcast", PushResult.QUEUED);
		}
		catch (RuntimeException ex) {
			counted("unavailable", PushResult.UNAVAILABLE);
		}
	}

	@Override
	public @Nullable ClusterCount count() {
		return this.count.get();
	}

	private PushResult counted(String outcome, PushResult result) {
		this.outcomes
			.computeIfAbsent(outcome,
					(tag) -> Counter.builder("tcp.cluster.pushes")
						.description("Pushes handed to other instances, by outcome")
						.tag("outcome", tag)
						.register(this.meterRegistry))
			.increment();
		return result;
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		ClusterMessage received;
		try {
			received = ClusterMessage.decode(message.getBody());
		}
		catch (IOException ex) {
			logger.warn("Ignored a message on " + new String(message.getChannel()) + " that is not tcp-gateway's");
			return;
		}
		switch (received.kind()) {
			case SEND -> this.connections.find(received.target())
				.filter((session) -> received.target().equals(session.name()))
				.ifPresentOrElse((session) -> this.connections.send(session, received.payload()),
						() -> counted("gone-on-arrival", PushResult.NO_SUCH_CONNECTION));
			case BROADCAST -> {
				if (!received.origin().equals(this.instanceId)) {
					this.connections.broadcastHere(received.target(), received.payload());
				}
			}
			case REPLACED -> this.connections.find(received.target())
				.filter((session) -> received.target().equals(session.name()))
				.ifPresent((session) -> this.connections.close(session.id(), SessionEnd.REPLACED));
		}
	}

	/**
	 * Renews this instance's names, taking back those Redis lost (restarted, say), and
	 * counts the cluster.
	 */
	void heartbeat() {
		List<String> names = this.connections.list(null)
			.stream()
			.map(TcpSession::name)
			.filter(Objects::nonNull)
			.toList();
		this.registry.renew(names);
		long[] counted = this.registry.count();
		this.count.set(new ClusterCount(this.instanceId, counted[0], counted[1]));
	}

	private void run(Runnable task) {
		ScheduledExecutorService worker = this.worker;
		if (worker != null) {
			worker.execute(() -> quietly(task));
		}
	}

	/** A failure has been recorded in the cluster state; the heartbeat repairs it. */
	private static void quietly(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// Recorded by the registry; health shows it.
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService worker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tcp-cluster").factory());
		this.worker = worker;
		long every = Math.max(100, this.ttl.toMillis() / 3);
		worker.scheduleWithFixedDelay(() -> quietly(this::heartbeat), 0, every, TimeUnit.MILLISECONDS);
		this.sessions.remote(this);
		logger.info("Cluster instance " + this.instanceId + ": names in Redis live " + this.ttl.toMillis()
				+ " ms without a heartbeat");
	}

	@Override
	public void stop() {
		this.sessions.remote(null);
		ScheduledExecutorService worker = this.worker;
		this.worker = null;
		if (worker != null) {
			// Releases already queued (connections closed by the drain) still reach
			// Redis.
			worker.shutdown();
			try {
				worker.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	/** Starts before the listeners and stops after them, so their closes are released. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
