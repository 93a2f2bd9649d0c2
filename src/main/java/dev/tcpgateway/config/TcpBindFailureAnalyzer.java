package dev.tcpgateway.config;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.unit.DataSize;

/**
 * One line for a {@code tcp.*} value that does not bind (an unknown framing, a malformed
 * duration) or a key that does not exist, instead of Spring Boot's multi-line binding
 * report. Runs before Spring Boot's own analyzer, and leaves every other prefix to it.
 */
class TcpBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith("tcp")) {
			return null;
		}
		UnboundConfigurationPropertiesException unbound = findCause(cause,
				UnboundConfigurationPropertiesException.class);
		if (unbound != null && !unbound.getUnboundProperties().isEmpty()) {
			String key = unbound.getUnboundProperties().iterator().next().getName().toString();
			return analysis(key, "unknown key; " + allowedKeys(key));
		}
		ConfigurationProperty property = cause.getProperty();
		if (property == null) {
			return null;
		}
		String key = property.getName().toString();
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		Class<?> target = (conversion != null) ? conversion.getTargetType().getType() : Object.class;
		return analysis(key, "'" + property.getValue() + "' " + expected(target));
	}

	private static String allowedKeys(String key) {
		if (key.startsWith(ConfigurationKeys.LISTENERS_PREFIX)) {
			return "a listener takes " + ConfigurationKeys.listenerKeys();
		}
		return "tcp takes listeners.<name>.<key> and commands.max-sleep";
	}

	private static String expected(Class<?> target) {
		if (target.isEnum()) {
			return "is not one of " + java.util.Arrays.stream(target.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
				.collect(java.util.stream.Collectors.joining(", "));
		}
		if (target == Duration.class) {
			return "is not a duration; use a value such as 500ms, 10s or 5m";
		}
		if (target == DataSize.class) {
			return "is not a size; use a value such as 8KB, 64KB or 1MB";
		}
		if (target == int.class || target == Integer.class) {
			return "is not a whole number";
		}
		return "is not a valid value";
	}

	private static FailureAnalysis analysis(String key, String problem) {
		return new FailureAnalysis(key + ": " + problem, ConfigurationKeys.action(key), null);
	}

}
