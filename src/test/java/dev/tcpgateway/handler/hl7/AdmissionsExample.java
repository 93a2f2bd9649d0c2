package dev.tcpgateway.handler.hl7;

import dev.tcpgateway.handler.TcpHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The README's example of a handler that does its work and then acknowledges with
 * {@link Hl7Acks}, compiled as written there; {@code AdmissionsExampleTests} runs it.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionsExample {

	@Bean
	TcpHandler admissions(Ward ward) {
		return (request) -> {
			try {
				ward.admit(request.bytes());
				return Hl7Acks.accept(request); // MSA|AA
			}
			catch (UnknownBedException ex) {
				return Hl7Acks.error(request, "unknown bed"); // MSA|AE, with ERR
			}
		};
	}

	/** Where the example's admissions go. */
	interface Ward {

		void admit(byte[] message) throws UnknownBedException;

	}

	static class UnknownBedException extends Exception {

	}

}
