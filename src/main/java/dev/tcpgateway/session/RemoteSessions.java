package dev.tcpgateway.session;

import org.jspecify.annotations.Nullable;

/**
 * The other instances of a deployment, as sessions see them (the Redis cluster,
 * {@code tcp.cluster.redis.enabled}): told when a name is taken or released here, asked
 * for a push whose name no connection here has, and handed broadcasts. Implemented by the
 * cluster; absent on a single instance.
 */
public interface RemoteSessions {

	/**
	 * A connection here took {@code name}; another instance holding it closes its own.
	 */
	void named(String name);

	/** A connection here gave up {@code name} (closed, or renamed). */
	void released(String name);

	/** Pushes to the instance whose connection has {@code name}. */
	PushResult send(String name, byte[] payload);

	/** Hands a broadcast to every other instance. */
	void broadcast(String listener, byte[] payload);

	/** Named connections over every instance, as last counted; null while unknown. */
	@Nullable ClusterCount count();

}
