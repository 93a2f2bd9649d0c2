package dev.tcpgateway.accept;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * A listener's connection slots: how many are open, in all and per client address, and
 * the limits on both. A slot is taken at accept, before any byte is read, and given back
 * when the socket closes, whoever closes it.
 */
public final class OpenConnections {

	private final int maxConnections;

	private final int maxPerClient;

	private final Refusal refusalAtMax;

	private final AtomicInteger open = new AtomicInteger();

	private final LongAdder accepted = new LongAdder();

	private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

	private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

	private final RecentCount recentRefusals = new RecentCount();

	/**
	 * @param maxConnections the most connections open at once
	 * @param maxPerClient the most from one address; 0 for no limit
	 * @param refusalAtMax the reason to report at {@code maxConnections}
	 */
	public OpenConnections(int maxConnections, int maxPerClient, Refusal refusalAtMax) {
		this.maxConnections = maxConnections;
		this.maxPerClient = maxPerClient;
		this.refusalAtMax = refusalAtMax;
		for (Refusal refusal : Refusal.values()) {
			this.refused.put(refusal, new LongAdder());
		}
	}

	/**
	 * Takes a slot for {@code client}, or says why there is none; a null client (not
	 * known yet, behind a PROXY-protocol load balancer) is counted against
	 * max-connections only, until {@link #tryTakeClientSlot}.
	 */
	@Nullable Refusal tryOpen(@Nullable InetAddress client) {
		if (this.open.incrementAndGet() > this.maxConnections) {
			this.open.decrementAndGet();
			return refuse(this.refusalAtMax);
		}
		if (client != null && this.maxPerClient > 0 && !takeClientSlot(client)) {
			this.open.decrementAndGet();
			return refuse(Refusal.MAX_CONNECTIONS_PER_CLIENT);
		}
		this.accepted.increment();
		return null;
	}

	/**
	 * Counts {@code client} against max-connections-per-client once it is known (from a
	 * PROXY protocol header); false, and counted as refused, when it holds them all.
	 */
	boolean tryTakeClientSlot(InetAddress client) {
		if (this.maxPerClient == 0 || takeClientSlot(client)) {
			return true;
		}
		refuse(Refusal.MAX_CONNECTIONS_PER_CLIENT);
		return false;
	}

	/**
	 * Counts a refusal decided outside {@link #tryOpen}: a denied address, an untrusted
	 * load balancer, a bad PROXY header.
	 */
	void countRefusal(Refusal refusal) {
		refuse(refusal);
	}

	/**
	 * Gives back the slot taken by {@link #tryOpen} (and {@link #tryTakeClientSlot} for a
	 * non-null client).
	 */
	void close(@Nullable InetAddress client) {
		this.open.decrementAndGet();
		if (client != null && this.maxPerClient > 0) {
			// Dropping entries at zero keeps many distinct clients over time from growing
			// the map.
			this.perClient.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** Atomic per address, so a close racing with an accept cannot lose a count. */
	private boolean takeClientSlot(InetAddress client) {
		boolean[] taken = new boolean[1];
		this.perClient.compute(client, (key, count) -> {
			int current = (count != null) ? count : 0;
			taken[0] = current < this.maxPerClient;
			return taken[0] ? current + 1 : count;
		});
		return taken[0];
	}

	private Refusal refuse(Refusal refusal) {
		this.refused.get(refusal).increment();
		this.recentRefusals.record(nowSecond());
		return refusal;
	}

	/** Connections refused at accept in the last minute, for health. */
	public long refusedInLastMinute() {
		return this.recentRefusals.lastMinute(nowSecond());
	}

	private static long nowSecond() {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime());
	}

	public int count() {
		return this.open.get();
	}

	public int max() {
		return this.maxConnections;
	}

	public long accepted() {
		return this.accepted.sum();
	}

	public long refused(Refusal refusal) {
		return this.refused.get(refusal).sum();
	}

}
