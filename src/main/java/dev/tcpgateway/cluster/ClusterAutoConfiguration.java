package dev.tcpgateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.config.TcpGatewayProperties.ClusterProperties;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.session.TcpConnections;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Pushing across instances, when {@code tcp.cluster.redis.enabled} is true: the name
 * registry in Redis, each instance's push channel and the broadcast channel, and the
 * {@code cluster} health component. Redis is reached through Spring Boot's own connection
 * ({@code spring.data.redis.*}, Lettuce).
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnBooleanProperty("tcp.cluster.redis.enabled")
// Spring Data Redis is optional: without it startup fails on tcp.cluster.redis.enabled
// with one line saying what to add (ListenerConfigurationValidator).
@ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
class ClusterAutoConfiguration {

	/**
	 * While the connection is down Lettuce rejects commands at once instead of queueing
	 * them until the command timeout, so a push to another instance fails fast.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer tcpClusterFailFast() {
		return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ClusterState tcpClusterState() {
		return new ClusterState();
	}

	@Bean
	RedisSessionDirectory tcpClusterDirectory(TcpGatewayProperties properties, StringRedisTemplate redis,
			SessionRegistry sessions, TcpConnections connections, ClusterState state, MeterRegistry meterRegistry) {
		ClusterProperties cluster = properties.cluster();
		String instanceId = (cluster.instanceId() != null) ? cluster.instanceId() : defaultInstanceId();
		Duration ttl = cluster.nameTtl();
		return new RedisSessionDirectory(instanceId, ttl, sessions, connections,
				new RedisNameRegistry(redis, instanceId, ttl, state, meterRegistry), state, meterRegistry);
	}

	/**
	 * Its own channel and the broadcast channel; after Redis comes back the container
	 * subscribes again, trying every second.
	 */
	@Bean
	RedisMessageListenerContainer tcpClusterSubscriptions(RedisConnectionFactory connectionFactory,
			RedisSessionDirectory directory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		// On the subscription's own thread, in the order Redis delivers: the default
		// executor runs each message on a thread of its own, and pushes could overtake
		// one
		// another. Handling one only queues it.
		container.setTaskExecutor(new SyncTaskExecutor());
		// Started by tcpClusterSubscription, off the startup thread.
		container.setAutoStartup(false);
		container.addMessageListener(directory,
				List.of(new ChannelTopic(RedisSessionDirectory.channel(directory.instanceId())),
						new ChannelTopic(RedisSessionDirectory.BROADCAST_CHANNEL)));
		return container;
	}

	@Bean
	ClusterSubscription tcpClusterSubscription(RedisMessageListenerContainer tcpClusterSubscriptions) {
		return new ClusterSubscription(tcpClusterSubscriptions);
	}

	@Bean
	ClusterHealthIndicator clusterHealthIndicator(ClusterState state, RedisSessionDirectory directory) {
		return new ClusterHealthIndicator(state, directory);
	}

	/** The host name and a random suffix: unique even for two instances on one host. */
	private static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "instance";
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
