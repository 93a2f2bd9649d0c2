package dev.tcpgateway.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The names of the configuration keys, for error messages that say what is allowed. */
final class ConfigurationKeys {

	static final String LISTENERS_PREFIX = "tcp.listeners.";

	private ConfigurationKeys() {
	}

	/** The keys a listener takes, as written in YAML: port, bind-address, framing, ... */
	static String listenerKeys() {
		return Arrays.stream(ListenerProperties.class.getRecordComponents())
			.map((component) -> kebabCase(component.getName()))
			.collect(Collectors.joining(", "));
	}

	static String action(String key) {
		return "Change " + key + " in application.yml; README.md lists every key, its default and allowed values.";
	}

	private static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
