package dev.tcpgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tcpgateway.proxy.Cidr;

import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * The checks that binding alone cannot make: ranges, sizes and ports shared by two
 * listeners. Each failure names the key to change.
 */
public final class ListenerConfigurationValidator {

	private static final long MAX_FRAME_SIZE = Integer.MAX_VALUE - 8;

	/**
	 * Spring Data Redis: an optional dependency, in the runnable server but not brought
	 * to an application that depends on tcp-gateway.
	 */
	private static final String REDIS = "org.springframework.data.redis.connection.RedisConnectionFactory";

	private ListenerConfigurationValidator() {
	}

	public static void validate(TcpGatewayProperties properties) {
		Map<Integer, String> portOwners = new HashMap<>();
		properties.enabledListeners().forEach((name, listener) -> {
			String prefix = "tcp.listeners." + name + ".";
			validate(prefix, listener);
			String owner = (listener.port() != 0) ? portOwners.putIfAbsent(listener.port(), name) : null;
			if (owner != null) {
				throw new InvalidListenerConfigurationException(prefix + "port", listener.port()
						+ " is already used by listener '" + owner + "'; give each listener its own port");
			}
		});
		DataSize maxBuffered = properties.memory().maxBuffered();
		if (maxBuffered != null && maxBuffered.toBytes() < 1) {
			throw new InvalidListenerConfigurationException("tcp.memory.max-buffered", maxBuffered.toBytes()
					+ " bytes is too small; use a size such as 256MB, or leave it unset for a quarter of the heap");
		}
		if (properties.push().maxQueuedBytes().toBytes() < 1) {
			throw new InvalidListenerConfigurationException("tcp.push.max-queued-bytes",
					properties.push().maxQueuedBytes().toBytes() + " bytes is too small; use a size such as 256KB");
		}
		if (properties.cluster().redis().enabled()
				&& !ClassUtils.isPresent(REDIS, ListenerConfigurationValidator.class.getClassLoader())) {
			throw new InvalidListenerConfigurationException("tcp.cluster.redis.enabled",
					"true needs Spring Data Redis on the class path; add the dependency "
							+ "org.springframework.boot:spring-boot-starter-data-redis, or set false");
		}
		if (properties.commands().maxSleep().isNegative()) {
			throw new InvalidListenerConfigurationException("tcp.commands.max-sleep",
					properties.commands().maxSleep() + " is negative; use a duration such as 10s");
		}
	}

	private static void validate(String prefix, ListenerProperties listener) {
		if (listener.port() < 0 || listener.port() > 65535) {
			throw new InvalidListenerConfigurationException(prefix + "port",
					listener.port() + " is not a port; use 1 to 65535, or 0 for any free port");
		}
		checkSize(prefix + "max-frame-size", listener.maxFrameSize().toBytes(), 1, "1B", MAX_FRAME_SIZE);
		checkSize(prefix + "send-buffer-size", listener.sendBufferSize().toBytes(), 0,
				"0B (the operating system's default)", Integer.MAX_VALUE);
		if (listener.backlog() < 0) {
			throw new InvalidListenerConfigurationException(prefix + "backlog", listener.backlog()
					+ " is negative; use 1 or more, or 0 for the operating system's maximum (the default)");
		}
		checkNotNegative(prefix + "delay", listener.delay());
		checkNotNegative(prefix + "queue-timeout", listener.queueTimeout());
		checkNotNegative(prefix + "idle-timeout", listener.idleTimeout());
		checkNotNegative(prefix + "frame-timeout", listener.frameTimeout());
		checkNotNegative(prefix + "handler-timeout", listener.handlerTimeout());
		checkNotNegative(prefix + "write-timeout", listener.writeTimeout());
		checkAtLeast(prefix + "max-connections", listener.maxConnections(), 1, "10000 is the default");
		checkAtLeast(prefix + "max-connections-per-client", listener.maxConnectionsPerClient(), 0, "0 means no limit");
		checkAtLeast(prefix + "max-concurrent-requests", listener.maxConcurrentRequests(), 0, "0 means no limit");
		checkAtLeast(prefix + "max-threads", listener.maxThreads(), 2, "one thread accepts, each connection holds one");
		checkNotNegative(prefix + "proxy-protocol-timeout", listener.proxyProtocolTimeout());
		checkBlocks(prefix + "trusted-proxies", listener.trustedProxies());
		checkBlocks(prefix + "allow", listener.allow());
		checkBlocks(prefix + "deny", listener.deny());
		if (listener.proxyProtocol().enabled() && listener.trustedProxies().isEmpty()) {
			throw new InvalidListenerConfigurationException(prefix + "trusted-proxies",
					"none listed while proxy-protocol is on; list the load balancers' addresses as CIDR blocks, "
							+ "e.g. [10.0.0.0/8], or set proxy-protocol: off");
		}
		FramingSettingsValidation.validate(prefix, listener);
		try {
			InetAddress.getByName(listener.bindAddress());
		}
		catch (UnknownHostException ex) {
			throw new InvalidListenerConfigurationException(prefix + "bind-address", "'" + listener.bindAddress()
					+ "' is not an address of this host; use an IP such as 0.0.0.0 or 127.0.0.1");
		}
	}

	private static void checkBlocks(String key, List<String> blocks) {
		for (String block : blocks) {
			try {
				Cidr.parse(block);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidListenerConfigurationException(key,
						ex.getMessage() + "; use addresses or CIDR blocks such as 10.0.0.0/8, 192.168.1.7 or ::1/128");
			}
		}
	}

	private static void checkNotNegative(String key, java.time.Duration duration) {
		if (duration.isNegative()) {
			throw new InvalidListenerConfigurationException(key, duration + " is negative; use 0s or more");
		}
	}

	private static void checkAtLeast(String key, int value, int min, String hint) {
		if (value < min) {
			throw new InvalidListenerConfigurationException(key,
					value + " is too small; use " + min + " or more (" + hint + ")");
		}
	}

	/**
	 * @param lowest the smallest allowed value as the message names it
	 */
	private static void checkSize(String key, long bytes, long min, String lowest, long max) {
		if (bytes < min || bytes > max) {
			throw new InvalidListenerConfigurationException(key,
					bytes + " bytes is out of range; use " + lowest + " to " + max + "B (for example 64KB)");
		}
	}

}
