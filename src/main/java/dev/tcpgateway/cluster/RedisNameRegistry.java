package dev.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The names in Redis: key {@code tcp-gateway:name:<name>} holds the id of the instance
 * whose connection has it, with a TTL its heartbeat renews; key
 * {@code tcp-gateway:instance:<id>} holds each live instance's count of named
 * connections. Every call is one round trip (timed as
 * {@code tcp.cluster.redis.round-trip}); taking, renewing and releasing names are Lua
 * scripts, so a name is changed only by the instance it points at.
 */
final class RedisNameRegistry {

	static final String PREFIX = "tcp-gateway:";

	private static final String NAME = PREFIX + "name:";

	private static final String INSTANCE = PREFIX + "instance:";

	/** Takes the name, returning the instance that had it. */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local old = redis.call('GET', KEYS[1])
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return old""", String.class);

	/** Renews names still ours, and takes back those gone (after Redis lost them). */
	private static final RedisScript<Long> RENEW = RedisScript.of("""
			local renewed = 0
			for _, key in ipairs(KEYS) do
			  local owner = redis.call('GET', key)
			  if owner == false or owner == ARGV[1] then
			    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
			    renewed = renewed + 1
			  end
			end
			return renewed""", Long.class);

	/** Deletes the name only while it is still ours. */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
			  return redis.call('DEL', KEYS[1])
			end
			return 0""", Long.class);

	/** Keys per script call when renewing many names. */
	private static final int BATCH = 500;

	private final StringRedisTemplate redis;

	private final String instanceId;

	private final String ttlMillis;

	private final ClusterState state;

	private final Timer roundTrip;

	RedisNameRegistry(StringRedisTemplate redis, String instanceId, Duration ttl, ClusterState state,
			MeterRegistry meterRegistry) {
		this.redis = redis;
		this.instanceId = instanceId;
		this.ttlMillis = Long.toString(ttl.toMillis());
		this.state = state;
		this.roundTrip = Timer.builder("tcp.cluster.redis.round-trip")
			.description("Round trips to the cluster's Redis")
			.register(meterRegistry);
	}

	/** Records the name as this instance's; returns the instance that held it, if any. */
	@Nullable String claim(String name) {
		return call(() -> this.redis.execute(CLAIM, List.of(NAME + name), this.instanceId, this.ttlMillis));
	}

	void release(String name) {
		call(() -> this.redis.execute(RELEASE, List.of(NAME + name), this.instanceId));
	}

	/**
	 * Renews this instance's names, takes back those Redis lost, and announces how many
	 * there are.
	 */
	void renew(List<String> names) {
		for (int from = 0; from < names.size(); from += BATCH) {
			List<String> keys = new ArrayList<>();
			for (String name : names.subList(from, Math.min(names.size(), from + BATCH))) {
				keys.add(NAME + name);
			}
			call(() -> this.redis.execute(RENEW, keys, this.instanceId, this.ttlMillis));
		}
		call(() -> {
			this.redis.opsForValue()
				.set(INSTANCE + this.instanceId, Integer.toString(names.size()),
						Duration.ofMillis(Long.parseLong(this.ttlMillis)));
			return null;
		});
	}

	/** The instance whose connection has the name; null when no instance has. */
	@Nullable String owner(String name) {
		return call(() -> this.redis.opsForValue().get(NAME + name));
	}

	/** Live instances and their named connections, summed. */
	long[] count() {
		return call(() -> {
			List<String> keys = new ArrayList<>();
			try (Cursor<String> cursor = this.redis
				.scan(ScanOptions.scanOptions().match(INSTANCE + "*").count(100).build())) {
				cursor.forEachRemaining(keys::add);
			}
			long named = 0;
			List<String> counts = keys.isEmpty() ? List.of() : this.redis.opsForValue().multiGet(keys);
			for (String count : (counts != null) ? counts : List.<String>of()) {
				named += (count != null) ? Long.parseLong(count) : 0;
			}
			return new long[] { keys.size(), named };
		});
	}

	/** Publishes to a channel; returns how many subscribers received it. */
	long publish(String channel, byte[] message) {
		Long receivers = call(() -> this.redis.execute((RedisCallback<Long>) (connection) -> connection
			.publish(channel.getBytes(StandardCharsets.UTF_8), message)));
		return (receivers != null) ? receivers : 0;
	}

	/** Runs one Redis call, timed; a failure marks Redis unreachable and is rethrown. */
	private <T> T call(Supplier<T> operation) {
		long start = System.nanoTime();
		try {
			T result = operation.get();
			this.roundTrip.record(Duration.ofNanos(System.nanoTime() - start));
			this.state.reachable();
			return result;
		}
		catch (RuntimeException ex) {
			this.state.unreachable(reason(ex));
			throw ex;
		}
	}

	/** The innermost message: Lettuce's, such as "Connection refused". */
	private static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

}
