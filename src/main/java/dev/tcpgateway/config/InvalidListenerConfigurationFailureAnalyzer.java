package dev.tcpgateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed check of the listener configuration into a one-line startup failure. */
class InvalidListenerConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidListenerConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidListenerConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), ConfigurationKeys.action(cause.key()), cause);
	}

}
