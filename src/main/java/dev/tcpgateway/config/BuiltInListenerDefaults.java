package dev.tcpgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Declares the built-in {@code hello} and {@code commands} listeners with the lowest
 * precedence, so any configuration overrides them key by key
 * ({@code tcp.listeners.hello.delay=1s} keeps the rest of {@code hello}), and
 * {@code tcp.listeners.hello.enabled=false} removes one.
 */
class BuiltInListenerDefaults implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "tcpGatewayBuiltInListeners";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("tcp.listeners.hello.port", 1729);
		defaults.put("tcp.listeners.hello.framing", "http");
		defaults.put("tcp.listeners.hello.handler", "hello");
		defaults.put("tcp.listeners.commands.port", 1730);
		defaults.put("tcp.listeners.commands.framing", "crlf");
		defaults.put("tcp.listeners.commands.handler", "commands");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

}
