package dev.tcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the TCP gateway: every listener declared under {@code tcp.listeners} becomes a
 * Spring Integration TCP inbound gateway in front of a handler bean.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TcpGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
