package dev.tcpgateway.connection;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * A request's reply channel that only holds the reply. Every listener flow answers on the
 * connection's own thread (the inbound gateway's request channel is a direct channel), so
 * the reply is there by the time the send returns; the messaging template's temporary
 * reply channel (a latch and a logger per request) and its two copies of the request's
 * and the reply's headers buy nothing here.
 */
public final class ReplySlot implements MessageChannel {

	private volatile @Nullable Message<?> reply;

	@Override
	public boolean send(Message<?> message, long timeout) {
		this.reply = message;
		return true;
	}

	/** The reply the flow sent, or null when it answered nothing (a one-way request). */
	public @Nullable Message<?> reply() {
		return this.reply;
	}

}
