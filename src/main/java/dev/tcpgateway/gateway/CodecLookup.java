package dev.tcpgateway.gateway;

import dev.tcpgateway.config.InvalidListenerConfigurationException;
import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.framing.CustomFraming;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.FramingOptions;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Builds a listener's codec from its framing and that framing's settings, finding the
 * bean a {@code custom} framing names.
 */
final class CodecLookup {

	private final ListableBeanFactory beans;

	CodecLookup(ListableBeanFactory beans) {
		this.beans = beans;
	}

	FrameCodec find(String name, ListenerProperties listener) {
		FramingOptions options = switch (listener.framing()) {
			case LENGTH_FIELD -> FramingOptions.lengthField(listener.lengthField());
			case DELIMITED ->
				FramingOptions.delimited(listener.delimited().startBytes(), listener.delimited().endBytes());
			case CUSTOM -> FramingOptions.custom(custom(name, listener.codec()));
			default -> FramingOptions.NONE;
		};
		return listener.framing().codec((int) listener.maxFrameSize().toBytes(), options);
	}

	private String candidates() {
		String[] names = this.beans.getBeanNamesForType(CustomFraming.class);
		return (names.length == 0) ? "none (declare one, README: Custom framing)" : String.join(", ", names);
	}

	private CustomFraming custom(String name, String beanName) {
		if (!this.beans.containsBean(beanName) || !this.beans.isTypeMatch(beanName, CustomFraming.class)) {
			throw new InvalidListenerConfigurationException("tcp.listeners." + name + ".codec",
					"'" + beanName + "' is not a CustomFraming bean; CustomFraming beans are " + candidates());
		}
		return this.beans.getBean(beanName, CustomFraming.class);
	}

}
