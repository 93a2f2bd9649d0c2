package com.example.greeter;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.handler.TcpRequest;

import org.springframework.stereotype.Component;

/** Greets whoever sends their name; {@code BYE} ends the conversation. */
@Component("greeter")
class GreetingHandler implements TcpHandler {

	@Override
	public TcpReply handle(TcpRequest request) {
		String name = request.text().strip();
		if (name.equals("BYE")) {
			return TcpReply.of("Bye!").thenClose(); // reply, then close the connection
		}
		return TcpReply.of("Hello, " + (name.isEmpty() ? "stranger" : name) + "!");
	}

}
