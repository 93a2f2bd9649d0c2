package dev.tcpgateway.gateway;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tcpgateway.config.InvalidListenerConfigurationException;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Finds the bean a listener names as its handler: a {@link TcpHandler}, or a plain
 * {@code Function<String, String>} adapted to one.
 */
final class HandlerLookup {

	private static final ResolvableType STRING_FUNCTION = ResolvableType.forClassWithGenerics(Function.class,
			String.class, String.class);

	private final ListableBeanFactory beans;

	HandlerLookup(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@SuppressWarnings("unchecked")
	TcpHandler find(String listener, String beanName) {
		String key = "tcp.listeners." + listener + ".handler";
		if (!this.beans.containsBean(beanName)) {
			throw new InvalidListenerConfigurationException(key,
					"no bean named '" + beanName + "'; handler beans are " + candidates());
		}
		if (this.beans.isTypeMatch(beanName, TcpHandler.class)) {
			return this.beans.getBean(beanName, TcpHandler.class);
		}
		if (this.beans.isTypeMatch(beanName, STRING_FUNCTION)) {
			Function<String, String> function = this.beans.getBean(beanName, Function.class);
			// Text in, text out: a null is a bug in the function, not a wish to stay
			// silent (that is TcpReply.none(), for TcpHandlers).
			return (request) -> {
				String reply = function.apply(request.text());
				if (reply == null) {
					throw new IllegalStateException("the Function<String, String> handler returned null");
				}
				return TcpReply.of(reply);
			};
		}
		throw new InvalidListenerConfigurationException(key, "bean '" + beanName
				+ "' is neither a TcpHandler nor a Function<String, String>; handler beans are " + candidates());
	}

	private String candidates() {
		return Stream
			.concat(Arrays.stream(this.beans.getBeanNamesForType(TcpHandler.class)),
					Arrays.stream(this.beans.getBeanNamesForType(STRING_FUNCTION)))
			.sorted()
			.collect(Collectors.joining(", "));
	}

}
