package dev.tcpgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import dev.tcpgateway.TcpGatewayApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds tcp-gateway's defaults below every other property source, so any configuration
 * overrides them key by key ({@code tcp.listeners.hello.delay=1s} keeps the rest of
 * {@code hello}). Every application gets {@code defaults.properties}; the runnable server
 * ({@link TcpGatewayApplication}) also gets {@code server.properties}. When
 * {@code tcp.built-in-listeners} is true (the server's default) the {@code hello} and
 * {@code commands} listeners are declared too. The server without the cluster also gets
 * {@code server-without-cluster.properties}, which leaves out the Redis it carries for
 * the cluster.
 */
class TcpGatewayDefaults implements EnvironmentPostProcessor {

	static final String BUILT_IN_LISTENERS = "tcp.built-in-listeners";

	private static final String LOCATION = "META-INF/tcp-gateway/";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, @Nullable SpringApplication application) {
		addLast(environment, "defaults.properties");
		if (application != null && application.getAllSources().contains(TcpGatewayApplication.class)) {
			addLast(environment, "server.properties");
			for (PropertySource<?> settings : load("server-without-cluster.properties")) {
				environment.getPropertySources().addLast(new WithoutClusterPropertySource(settings, environment));
			}
		}
		if (environment.getProperty(BUILT_IN_LISTENERS, Boolean.class, false)) {
			addLast(environment, "built-in-listeners.properties");
		}
	}

	private static void addLast(ConfigurableEnvironment environment, String file) {
		for (PropertySource<?> source : load(file)) {
			environment.getPropertySources().addLast(source);
		}
	}

	private static List<PropertySource<?>> load(String file) {
		try {
			return new PropertiesPropertySourceLoader().load("tcp-gateway " + file,
					new ClassPathResource(LOCATION + file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
