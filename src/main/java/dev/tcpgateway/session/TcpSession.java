package dev.tcpgateway.session;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One connection as a handler and a pusher see it: who it is, since when, an optional
 * logical name, and attributes that live as long as the connection. Thread-safe: a
 * handler sets attributes on the connection's thread while another bean reads them. Gone
 * when the connection closes: its name is released and its attributes cleared.
 */
public final class TcpSession {

	private final String id;

	private final String listener;

	private final InetSocketAddress client;

	private final Instant opened = Instant.now();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final @Nullable SessionRegistry registry;

	private final @Nullable SessionChannel channel;

	private final @Nullable PushQueue pushes;

	private volatile @Nullable String name;

	private volatile boolean open = true;

	TcpSession(String listener, String id, InetSocketAddress client, @Nullable SessionRegistry registry,
			@Nullable SessionChannel channel, @Nullable PushQueue pushes) {
		this.id = id;
		this.listener = listener;
		this.client = client;
		this.registry = registry;
		this.channel = channel;
		this.pushes = pushes;
	}

	/**
	 * A session of no connection the server holds, for a request built by hand (in a
	 * test, say): attributes and a name work, but nothing can find it or push to it.
	 */
	public static TcpSession detached(String listener, String id, InetSocketAddress client) {
		return new TcpSession(listener, id, client, null, null, null);
	}

	/**
	 * The connection id, as Spring Integration's {@code ip_connectionId} header has it.
	 */
	public String id() {
		return this.id;
	}

	/** The listener's name in {@code tcp.listeners}. */
	public String listener() {
		return this.listener;
	}

	/** The client: the socket's peer, or the client a PROXY protocol header named. */
	public InetSocketAddress client() {
		return this.client;
	}

	/** When the connection was admitted (after any PROXY header and TLS handshake). */
	public Instant opened() {
		return this.opened;
	}

	/** The name given with {@link #name(String)}; null before. */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Names this connection (a device id, a user), unique over the server: a connection
	 * that held the name before is closed (close reason {@code replaced}), as devices
	 * that reconnect expect. The name is released when this connection closes.
	 */
	public void name(String name) {
		Assert.hasText(name, "a session name must not be blank");
		if (this.registry != null) {
			this.registry.rename(this, name);
		}
		else {
			this.name = name;
		}
	}

	void assignName(@Nullable String name) {
		this.name = name;
	}

	public boolean isOpen() {
		return this.open;
	}

	public @Nullable Object get(String key) {
		return this.attributes.get(key);
	}

	/** The attribute, or null when it is absent or not a {@code type}. */
	public <T> @Nullable T get(String key, Class<T> type) {
		Object value = this.attributes.get(key);
		return type.isInstance(value) ? type.cast(value) : null;
	}

	/** Sets an attribute; returns the previous value. */
	public @Nullable Object put(String key, Object value) {
		return this.attributes.put(key, value);
	}

	public @Nullable Object remove(String key) {
		return this.attributes.remove(key);
	}

	@Nullable SessionChannel channel() {
		return this.channel;
	}

	@Nullable PushQueue pushes() {
		return this.pushes;
	}

	void closed() {
		this.open = false;
		this.attributes.clear();
		if (this.pushes != null) {
			this.pushes.close();
		}
	}

	@Override
	public String toString() {
		String named = this.name;
		return (named != null) ? named + " (" + this.id + ")" : this.id;
	}

}
