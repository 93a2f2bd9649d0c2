package dev.tcpgateway.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tcpgateway.TcpGatewayApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's top-level application.yml binds and validates, documents every key, and
 * changes nothing: the server behaves the same without it.
 */
class ApplicationYamlTests {

	@Test
	void bindsToExactlyTheDefaults() throws IOException {
		TcpGatewayProperties withFile = bind(environment(true));
		TcpGatewayProperties withoutFile = bind(environment(false));
		assertThat(withFile.listeners()).containsOnlyKeys("hello", "commands");
		assertThat(withFile).isEqualTo(withoutFile);
		ListenerConfigurationValidator.validate(withFile);
	}

	@Test
	void declaresEveryListenerKeyForEachListener() throws IOException {
		StandardEnvironment file = new StandardEnvironment();
		PropertySource<?> operator = operatorFile();
		file.getPropertySources().addFirst(operator);
		List<String> names = Arrays.asList(((EnumerablePropertySource<?>) operator).getPropertyNames());
		List<String> keys = Arrays.stream(ListenerProperties.class.getRecordComponents())
			.map((component) -> component.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
			.toList();
		for (String listener : List.of("hello", "commands")) {
			for (String key : keys) {
				String name = "tcp.listeners." + listener + "." + key;
				// A nested group (ssl) is declared through its own keys.
				assertThat(file.containsProperty(name) || names.stream().anyMatch((n) -> n.startsWith(name + ".")))
					.as("tcp.listeners.%s.%s in application.yml", listener, key)
					.isTrue();
			}
		}
		assertThat(file.containsProperty("tcp.commands.max-sleep")).isTrue();
		assertThat(file.containsProperty("tcp.built-in-listeners")).isTrue();
	}

	@Test
	void repeatsTheSpringDefaultsTheServerShipsWith() throws IOException {
		StandardEnvironment withFile = environment(true);
		StandardEnvironment withoutFile = environment(false);
		for (String key : List.of("spring.application.name", "spring.main.keep-alive",
				"management.endpoints.web.exposure.include", "management.endpoint.health.show-details",
				"spring.integration.management.default-logging-enabled", "management.endpoint.tcpconnections.access")) {
			assertThat(withFile.getProperty(key)).as(key).isNotNull().isEqualTo(withoutFile.getProperty(key));
		}
		// Spring Boot's own default, which the file states explicitly.
		assertThat(withFile.getProperty("server.port")).isEqualTo("8080");
	}

	/** The runnable server's defaults, with or without the operator file. */
	private static StandardEnvironment environment(boolean withOperatorFile) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		if (withOperatorFile) {
			environment.getPropertySources().addLast(operatorFile());
		}
		new TcpGatewayDefaults().postProcessEnvironment(environment,
				new SpringApplication(TcpGatewayApplication.class));
		return environment;
	}

	private static PropertySource<?> operatorFile() throws IOException {
		return new YamlPropertySourceLoader().load("operator", new FileSystemResource("application.yml")).get(0);
	}

	private static TcpGatewayProperties bind(StandardEnvironment environment) {
		Binder binder = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()));
		return binder.bindOrCreate("tcp", TcpGatewayProperties.class);
	}

	@Test
	void defaultsOfANewListenerAreTheRecordDefaults() throws IOException {
		StandardEnvironment environment = environment(false);
		environment.getPropertySources()
			.addFirst(new org.springframework.core.env.MapPropertySource("user", Map.of("tcp.listeners.mine.port",
					"9000", "tcp.listeners.hello.delay", "1s", "tcp.listeners.commands.enabled", "false")));
		TcpGatewayProperties properties = bind(environment);
		ListenerProperties mine = properties.listeners().get("mine");
		assertThat(mine.handler()).isEqualTo("mine");
		assertThat(mine.framing()).isEqualTo(dev.tcpgateway.framing.Framing.CRLF);
		assertThat(mine.maxFrameSize().toKilobytes()).isEqualTo(64);
		assertThat(mine.backlog()).isZero();
		ListenerProperties hello = properties.listeners().get("hello");
		assertThat(hello.port()).isEqualTo(1729);
		assertThat(hello.framing()).isEqualTo(dev.tcpgateway.framing.Framing.HTTP);
		assertThat(hello.delay()).hasSeconds(1);
		assertThat(properties.enabledListeners()).containsOnlyKeys("hello", "mine");
	}

}
