package dev.tcpgateway.gateway;

import dev.tcpgateway.framing.Frame;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.messaging.Message;

/**
 * The flow's service step: hands each frame to the {@link RequestDispatcher} and returns
 * its reply as is. The reply goes back through the request's temporary reply channel,
 * which Spring Integration takes from the request headers, so copying every request
 * header into the reply (the stock service activator's default) would only cost a header
 * map copy per request.
 */
final class DispatchStep extends AbstractReplyProducingMessageHandler {

	private final RequestDispatcher dispatcher;

	DispatchStep(RequestDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	protected @Nullable Object handleRequestMessage(Message<?> requestMessage) {
		return this.dispatcher.handle((Frame) requestMessage.getPayload(), requestMessage.getHeaders());
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

}
