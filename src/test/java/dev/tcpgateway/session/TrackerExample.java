package dev.tcpgateway.session;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The README's example of a stateful protocol over sessions and of pushing to a named
 * client, compiled as written there.
 */
@Configuration(proxyBeanMethods = false)
class TrackerExample {

	@Bean
	TcpHandler trackers() {
		return (request) -> {
			TcpSession session = request.session();
			String line = request.text();
			if (line.startsWith("IMEI ")) {
				session.name(line.substring(5)); // closes this device's older connection
				return TcpReply.of("OK");
			}
			if (session.name() == null) {
				return TcpReply.of("ERR log in first").thenClose();
			}
			session.put("last", line);
			return TcpReply.none();
		};
	}

	/** Anywhere else in the application. */
	static class Commander {

		private final TcpConnections connections;

		Commander(TcpConnections connections) {
			this.connections = connections;
		}

		boolean reboot(String imei) {
			return this.connections.send(imei, "REBOOT") == PushResult.QUEUED;
		}

	}

}
