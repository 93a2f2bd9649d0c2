package com.example.greeter;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * tcp-gateway brings no Redis client to an application that depends on it: the cluster
 * is there only for an application that adds Spring Data Redis, and asking for it
 * without that fails startup with one line saying what to add.
 */
class ClusterWithoutRedisTests {

	@Test
	void noRedisClientComesWithTcpGateway() {
		assertThat(ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory", null))
			.isFalse();
	}

	@Test
	void theClusterWithoutSpringDataRedisFailsStartupNamingTheKey() {
		assertThatException()
			.isThrownBy(() -> SpringApplication.run(GreeterApplication.class, "--server.port=0",
					"--tcp.listeners.greeter.port=0", "--tcp.listeners.reverse.port=0",
					"--tcp.cluster.redis.enabled=true"))
			.satisfies((ex) -> assertThat(ex).rootCause()
				.hasMessageContaining("tcp.cluster.redis.enabled: true needs Spring Data Redis on the class path"));
	}

}
