package dev.tcpgateway.observability;

import dev.tcpgateway.memory.ClientMemoryBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server-wide gauge of the memory budget for client buffers. */
@Configuration(proxyBeanMethods = false)
class ClientMemoryMeters {

	/** Bytes held from clients now (partial frames, HTTP heads and bodies). */
	static final String BUFFERED_BYTES = "tcp.buffered.bytes";

	@Bean
	MeterBinder clientMemoryMeter(ClientMemoryBudget budget) {
		return (registry) -> Gauge.builder(BUFFERED_BYTES, budget, ClientMemoryBudget::held)
			.baseUnit("bytes")
			.description("Bytes held from clients while their requests arrive, against tcp.memory.max-buffered")
			.register(registry);
	}

}
