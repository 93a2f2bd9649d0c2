package dev.tcpgateway;

import java.io.IOException;
import java.util.Arrays;

import dev.tcpgateway.bench.LoadGenerator;
import dev.tcpgateway.bench.PushBenchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable server ({@code java -jar}, {@code ./mvnw spring-boot:run}). Its listeners,
 * health and metrics come from tcp-gateway's auto-configuration, as in any application
 * that depends on tcp-gateway; as the server it also gets the built-in {@code hello} and
 * {@code commands} listeners and the actuator settings of {@code server.properties}
 * (config/TcpGatewayDefaults). It scans {@code com.example}, the package of the README's
 * examples, so a handler pasted there is found.
 */
@SpringBootApplication(scanBasePackages = "com.example")
public class TcpGatewayApplication {

	public static void main(String[] args) throws IOException, InterruptedException {
		if (args.length > 0 && args[0].equals("bench")) {
			// The load generator ships in the same jar; it needs no Spring context.
			System.exit(LoadGenerator.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		if (args.length > 0 && args[0].equals("push-bench")) {
			System.exit(PushBenchmark.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
