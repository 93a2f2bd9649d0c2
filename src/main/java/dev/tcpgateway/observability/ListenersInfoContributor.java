package dev.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.gateway.ActiveListener;
import dev.tcpgateway.gateway.Listeners;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the listeners to {@code /actuator/info}: name, bound port, address, framing and
 * handler, so an operator sees what an instance serves without reading its configuration.
 */
class ListenersInfoContributor implements InfoContributor {

	private final TcpGatewayProperties properties;

	private final Listeners listeners;

	ListenersInfoContributor(TcpGatewayProperties properties, Listeners listeners) {
		this.properties = properties;
		this.listeners = listeners;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> described = new LinkedHashMap<>();
		this.properties.enabledListeners().forEach((name, listener) -> {
			ActiveListener active = this.listeners.get(name);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("port", (active != null) ? active.port() : listener.port());
			details.put("bindAddress", listener.bindAddress());
			details.put("framing", listener.framing().configName());
			details.put("handler", listener.handler());
			described.put(name, details);
		});
		builder.withDetail("tcpListeners", described);
	}

}
