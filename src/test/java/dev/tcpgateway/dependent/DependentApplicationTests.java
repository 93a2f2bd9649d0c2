package dev.tcpgateway.dependent;

import java.util.function.Function;

import dev.tcpgateway.gateway.Listeners;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tcp-gateway as a dependency of another application (not TcpGatewayApplication): the
 * auto-configuration serves the application's own listeners and handlers, declares no
 * built-in listener unless asked, and lets the application's beans take the built-in
 * handlers' names. samples/greeter proves the same from outside, against the packaged
 * jar.
 */
class DependentApplicationTests {

	/** Without the operator's ./application.yml, which belongs to the server. */
	private static final String NO_OPERATOR_FILE = "--spring.config.location=optional:classpath:/";

	@Test
	void servesItsOwnListenerAndDeclaresNoBuiltInOne() {
		try (ConfigurableApplicationContext context = run(DependentApplication.class, NO_OPERATOR_FILE,
				"--server.port=0", "--tcp.listeners.shout.port=0")) {
			assertThat(context.getBean(Listeners.class).all()).extracting("name").containsExactly("shout");
			assertThat(context.containsBean("hello")).isFalse();
			assertThat(context.containsBean("commands")).isFalse();
			assertThat(context.getEnvironment().getProperty("spring.main.keep-alive")).isEqualTo("true");
			assertThat(context.getEnvironment().getProperty("management.endpoints.web.exposure.include"))
				.as("the server's exposure is not imposed")
				.isNull();
			try (RawClient client = RawClient.connect(port(context, "shout"))) {
				assertThat(client.send("hey\r\n").readLine()).isEqualTo("HEY");
			}
		}
	}

	@Test
	void builtInListenersOnRequestWithItsOwnBeanInPlaceOfABuiltInHandler() {
		try (ConfigurableApplicationContext context = run(OwnCommandsHandler.class, NO_OPERATOR_FILE, "--server.port=0",
				"--tcp.built-in-listeners=true", "--tcp.listeners.hello.port=0", "--tcp.listeners.commands.port=0")) {
			assertThat(context.getBean(Listeners.class).all()).extracting("name")
				.containsExactlyInAnyOrder("hello", "commands");
			try (RawClient client = RawClient.connect(port(context, "commands"))) {
				assertThat(client.send("PING\r\n").readLine()).isEqualTo("its own commands: PING");
			}
			try (RawClient client = RawClient.connect(port(context, "hello"))) {
				assertThat(client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").readHttpResponse())
					.endsWith("\r\n\r\nHello, World!\r\n");
			}
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... arguments) {
		return new SpringApplicationBuilder(application).run(arguments);
	}

	private static int port(ConfigurableApplicationContext context, String listener) {
		return context.getBean(Listeners.class).port(listener);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DependentApplication {

		@Bean
		Function<String, String> shout() {
			return String::toUpperCase;
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OwnCommandsHandler {

		/** Named like the built-in handler, which steps aside. */
		@Bean
		TcpHandler commands() {
			return (request) -> TcpReply.of("its own commands: " + request.text());
		}

	}

}
