package dev.tcpgateway.handler;

/**
 * Computes the reply to one framed request. Implement it as a Spring bean and name the
 * bean in {@code tcp.listeners.<name>.handler}. Each connection runs on its own (virtual)
 * thread, so a handler may block; it is called concurrently for different connections and
 * must be thread-safe. An exception becomes a short error reply to that client only; the
 * connection stays open. For a one-way protocol, answer {@link TcpReply#none()}.
 */
@FunctionalInterface
public interface TcpHandler {

	TcpReply handle(TcpRequest request) throws Exception;

}
