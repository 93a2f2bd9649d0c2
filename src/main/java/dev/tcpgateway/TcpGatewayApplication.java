package dev.tcpgateway;

import java.util.Arrays;

import dev.tcpgateway.bench.LoadGenerator;

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
		if (args.length > 0 && args[0].equals("bench")) {
			// The load generator ships in the same jar; it needs no Spring context.
			System.exit(LoadGenerator.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
