package dev.tcpgateway.handler;

import java.time.Clock;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.handler.hl7.Hl7Acks;
import dev.tcpgateway.session.TcpConnections;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The handlers that ship with tcp-gateway, under the bean names listeners use; an
 * application's own bean of the same name takes the place of one. The demo handlers of
 * the built-in listeners come with those listeners ({@code tcp.built-in-listeners}: the
 * runnable server's default); every other built-in handler is there for any application
 * to name.
 */
@AutoConfiguration
class BuiltInHandlers {

	private static final String BUILT_IN_LISTENERS = "tcp.built-in-listeners";

	@Bean
	@ConditionalOnBooleanProperty(BUILT_IN_LISTENERS)
	@ConditionalOnMissingBean(name = "hello")
	TcpHandler hello() {
		return new HelloHandler();
	}

	@Bean
	@ConditionalOnBooleanProperty(BUILT_IN_LISTENERS)
	@ConditionalOnMissingBean(name = "commands")
	TcpHandler commands(TcpGatewayProperties properties, ServerStats stats, TcpConnections connections) {
		return new CommandsHandler(properties.commands().maxSleep(), stats, Clock.systemUTC(), connections);
	}

	@Bean
	@ConditionalOnMissingBean(name = "log")
	TcpHandler log() {
		return new MessageLogHandler();
	}

	@Bean("hl7-ack")
	@ConditionalOnMissingBean(name = "hl7-ack")
	TcpHandler hl7Ack() {
		return Hl7Acks::accept;
	}

}
