package dev.tcpgateway.observability;

import dev.tcpgateway.memory.ClientMemoryBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The server-wide gauge of the memory budget for client buffers. */
final class ClientMemoryMeters {

	/** Bytes held from clients now (partial frames, HTTP heads and bodies). */
	static final String BUFFERED_BYTES = "tcp.buffered.bytes";

	private ClientMemoryMeters() {
	}

	static MeterBinder of(ClientMemoryBudget budget) {
		return (registry) -> Gauge.builder(BUFFERED_BYTES, budget, ClientMemoryBudget::held)
			.baseUnit("bytes")
			.description("Bytes held from clients while their requests arrive, against tcp.memory.max-buffered")
			.register(registry);
	}

}
