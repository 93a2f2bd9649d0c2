package dev.tcpgateway.config;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * The settings of {@code server-without-cluster.properties}, there only while
 * {@code tcp.cluster.redis.enabled} is false. The flag is read each time one of them is,
 * not when the environment is prepared: a setting added later, such as a test's dynamic
 * property, still switches the cluster, and with it Redis, on.
 */
class WithoutClusterPropertySource extends PropertySource<PropertySource<?>> {

	static final String CLUSTER_ENABLED = "tcp.cluster.redis.enabled";

	private final PropertyResolver environment;

	WithoutClusterPropertySource(PropertySource<?> settings, PropertyResolver environment) {
		super(settings.getName(), settings);
		this.environment = environment;
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!getSource().containsProperty(name)
				|| this.environment.getProperty(CLUSTER_ENABLED, Boolean.class, false)) {
			return null;
		}
		return getSource().getProperty(name);
	}

}
