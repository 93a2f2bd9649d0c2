package dev.tcpgateway.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A full server on random ports: the built-in listeners (and the actuator) bind port 0,
 * so tests never collide with a running server or with each other. Read a listener's
 * bound port with {@code @Value("${local.tcp.listeners.<name>.port}")} and the actuator's
 * with {@code @LocalServerPort}. Add listeners or settings with
 * {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tcp.listeners.hello.port=0", "tcp.listeners.commands.port=0" })
public @interface GatewayTest {

}
