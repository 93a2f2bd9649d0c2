package dev.tcpgateway.handler;

import dev.tcpgateway.framing.Framing;

/** The tutorial's server: whatever the request, the answer is {@code Hello, World!}. */
final class HelloHandler implements TcpHandler {

	private static final TcpReply HTTP_REPLY = TcpReply.of("Hello, World!\r\n");

	// On line framings the framing adds the line end; a second one would read as an extra
	// reply.
	private static final TcpReply LINE_REPLY = TcpReply.of("Hello, World!");

	@Override
	public TcpReply handle(TcpRequest request) {
		return (request.framing() == Framing.HTTP) ? HTTP_REPLY : LINE_REPLY;
	}

}
