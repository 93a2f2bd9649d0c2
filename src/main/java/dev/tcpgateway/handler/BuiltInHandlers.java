package dev.tcpgateway.handler;

import java.time.Clock;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.handler.hl7.Hl7Acks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handlers that ship with the server, under the bean names the default listeners use.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInHandlers {

	@Bean
	TcpHandler hello() {
		return new HelloHandler();
	}

	@Bean
	TcpHandler commands(TcpGatewayProperties properties, ServerStats stats) {
		return new CommandsHandler(properties.commands().maxSleep(), stats, Clock.systemUTC());
	}

	@Bean
	TcpHandler log() {
		return new MessageLogHandler();
	}

	@Bean("hl7-ack")
	TcpHandler hl7Ack() {
		return Hl7Acks::accept;
	}

}
