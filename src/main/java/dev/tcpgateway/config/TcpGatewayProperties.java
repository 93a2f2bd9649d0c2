package dev.tcpgateway.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code tcp}. Unknown keys fail startup, so a typo cannot silently fall
 * back to a default.
 *
 * @param listeners the TCP listeners by name; each enabled one becomes a TCP inbound
 * gateway. The built-in {@code hello} (port 1729, http) and {@code commands} (port 1730,
 * crlf) listeners are declared when {@code built-in-listeners} is true; configuration
 * overrides them key by key.
 * @param commands settings of the built-in {@code commands} handler
 * @param shutdown how the listeners drain at shutdown
 * @param builtInListeners whether the built-in {@code hello} and {@code commands}
 * listeners and their handlers are declared: true in the runnable server, false in an
 * application that depends on tcp-gateway
 * @param memory the server-wide budget for bytes held from clients
 * @param push how much may wait for one connection when pushing to it
 * @param cluster pushing across instances through Redis
 * @param tls server-wide TLS settings
 */
@ConfigurationProperties(prefix = "tcp", ignoreUnknownFields = false)
public record TcpGatewayProperties(@Nullable Map<String, ListenerProperties> listeners,
		@DefaultValue CommandsProperties commands, @DefaultValue ShutdownProperties shutdown,
		@DefaultValue("false") boolean builtInListeners, @DefaultValue MemoryProperties memory,
		@DefaultValue PushProperties push, @DefaultValue ClusterProperties cluster, @DefaultValue TlsProperties tls) {

	public TcpGatewayProperties {
		Map<String, ListenerProperties> named = new LinkedHashMap<>();
		if (listeners != null) {
			// A listener without a handler uses the bean named like the listener.
			listeners.forEach((name, listener) -> named.put(name, listener.withDefaultHandler(name)));
		}
		listeners = Collections.unmodifiableMap(named);
	}

	/** The listeners to start: those not switched off with {@code enabled: false}. */
	public Map<String, ListenerProperties> enabledListeners() {
		Map<String, ListenerProperties> enabled = new LinkedHashMap<>(this.listeners);
		enabled.values().removeIf((listener) -> !listener.enabled());
		return enabled;
	}

	/**
	 * Settings of the built-in {@code commands} handler.
	 *
	 * @param maxSleep the longest {@code SLEEP <ms>} the handler accepts; longer asks get
	 * an error
	 */
	public record CommandsProperties(@DefaultValue("10s") Duration maxSleep) {
	}

	/**
	 * How the listeners drain at shutdown (the grace period is Spring's
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}).
	 *
	 * @param drainDelay how long the listeners keep accepting after readiness turned
	 * OUT_OF_SERVICE, so that a load balancer's health check notices first; set it above
	 * the balancer's check interval times its failure count
	 */
	public record ShutdownProperties(@DefaultValue("0s") Duration drainDelay) {
	}

	/**
	 * Pushes to connected clients ({@code TcpConnections}).
	 *
	 * @param maxQueuedBytes the most push bytes waiting to be written to one connection;
	 * a push beyond it is dropped (and counted), so a client that does not read holds at
	 * most this much server memory
	 */
	public record PushProperties(@DefaultValue("256KB") DataSize maxQueuedBytes) {
	}

	/**
	 * Pushing across instances: each connection name is recorded in Redis, so a push to
	 * it from any instance reaches the instance holding it.
	 *
	 * @param instanceId this instance's id in the registry; unset: the host name plus a
	 * random suffix, new at every start
	 * @param nameTtl how long a name stays in the registry without its instance's
	 * heartbeat (sent every third of it): how long a dead instance's names linger
	 * @param redis the Redis connection's use; the connection itself is Spring Boot's
	 * {@code spring.data.redis.*}
	 */
	public record ClusterProperties(@Nullable String instanceId, @DefaultValue("30s") Duration nameTtl,
			@DefaultValue RedisProperties redis) {

		/**
		 * @param enabled whether names are recorded in Redis and pushes go across
		 * instances; off, nothing connects to Redis
		 */
		public record RedisProperties(@DefaultValue("false") boolean enabled) {
		}

	}

	/**
	 * The memory the server may hold from clients.
	 *
	 * @param maxBuffered the most bytes held from clients at once over every connection
	 * (partial frames, HTTP heads and bodies still arriving); when it runs out, the
	 * connections holding the most are closed with an error reply. Unset: a quarter of
	 * the heap (-Xmx)
	 */
	public record MemoryProperties(@Nullable DataSize maxBuffered) {

		/** The budget in bytes: as configured, else a quarter of the heap. */
		public long maxBufferedBytes() {
			return (this.maxBuffered != null) ? this.maxBuffered.toBytes() : Runtime.getRuntime().maxMemory() / 4;
		}

	}

	/**
	 * Server-wide TLS.
	 *
	 * @param correttoCryptoProvider whether Amazon Corretto Crypto Provider, when on the
	 * class path and loading on this platform, goes first in the JDK's provider list (for
	 * the JDK's TLS engine; a change to the whole JVM): auto or off
	 */
	public record TlsProperties(@DefaultValue("auto") CorrettoCryptoProvider correttoCryptoProvider) {

		/** Whether Amazon Corretto Crypto Provider is installed. */
		public enum CorrettoCryptoProvider {

			/** Installed when present and loading on this platform. */
			AUTO,

			/** Never installed: the JDK's provider list is left alone. */
			OFF

		}

	}

}
