package dev.tcpgateway.memory;

import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.config.TcpGatewayProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The one budget for client buffers that every listener's connections share.
 */
@AutoConfiguration
class ClientMemoryConfiguration {

	private static final Log logger = LogFactory.getLog(ClientMemoryConfiguration.class);

	/**
	 * Warns once when the listeners' limits allow more than the budget: not a failure,
	 * since the budget is what protects the heap, but an operator should know that a full
	 * load of large frames ends with connections closed.
	 */
	@Bean
	ClientMemoryBudget tcpClientMemoryBudget(TcpGatewayProperties properties) {
		long max = properties.memory().maxBufferedBytes();
		long worstCase = properties.enabledListeners()
			.values()
			.stream()
			.mapToLong(ClientMemoryConfiguration::worstCase)
			.sum();
		if (max > 0 && worstCase > max) {
			logger.warn("Listeners may buffer up to " + worstCase
					+ " bytes from clients (max-connections x max-frame-size, summed over listeners), over the " + max
					+ " bytes of tcp.memory.max-buffered; when that runs out, the connections holding "
					+ "the most are closed");
		}
		return new ClientMemoryBudget(max);
	}

	private static long worstCase(ListenerProperties listener) {
		return listener.maxConnections() * listener.maxFrameSize().toBytes();
	}

}
