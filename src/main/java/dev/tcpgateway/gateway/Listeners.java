package dev.tcpgateway.gateway;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/** The listeners that are running, by name; filled at startup, emptied at shutdown. */
public class Listeners {

	private final Map<String, ActiveListener> active = new ConcurrentHashMap<>();

	public @Nullable ActiveListener get(String name) {
		return this.active.get(name);
	}

	/** The bound port of a running listener. */
	public int port(String name) {
		ActiveListener listener = this.active.get(name);
		if (listener == null) {
			throw new IllegalArgumentException("No running listener named '" + name + "'");
		}
		return listener.port();
	}

	public Collection<ActiveListener> all() {
		return List.copyOf(this.active.values());
	}

	void add(ActiveListener listener) {
		this.active.put(listener.name(), listener);
	}

	void clear() {
		this.active.clear();
	}

}
