package dev.tcpgateway.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

import dev.tcpgateway.accept.AcceptBacklog;
import dev.tcpgateway.accept.AdmissionRules;
import dev.tcpgateway.accept.OpenConnections;
import dev.tcpgateway.accept.PreboundSocketFactorySupport;
import dev.tcpgateway.accept.Refusal;
import dev.tcpgateway.config.ExecutorKind;
import dev.tcpgateway.config.InvalidListenerConfigurationException;
import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.config.ListenerSslProperties;
import dev.tcpgateway.connection.ConnectionCounters;
import dev.tcpgateway.connection.ConnectionSettings;
import dev.tcpgateway.connection.GatewayConnectionSupport;
import dev.tcpgateway.connection.GatewayServerConnectionFactory;
import dev.tcpgateway.connection.GatewayServerFactorySpec;
import dev.tcpgateway.connection.ReadTimeouts;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.Problem;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.memory.ClientMemoryBudget;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.proxy.AddressPolicy;
import dev.tcpgateway.proxy.Cidr;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.timeout.TimeoutSweeper;
import dev.tcpgateway.tls.TlsLayer;
import dev.tcpgateway.tls.TlsLayers;
import dev.tcpgateway.tls.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Builds one listener from its configuration: the framing codec, the pre-bound listening
 * socket with its connection limits, the threads, and the Spring Integration flow (TCP
 * inbound gateway -> request dispatcher -> handler).
 */
final class ListenerAssembly {

	private final String name;

	private final ListenerProperties listener;

	private final OpenConnections connections;

	private final Executor executor;

	private final GatewayServerFactorySpec server;

	private final IntegrationFlow flow;

	private final DispatchStep step;

	private final PreboundSocketFactorySupport sockets;

	private final RequestLimiter limiter;

	private final RequestDispatcher dispatcher;

	ListenerAssembly(String name, ListenerProperties listener, TcpHandler handler, FrameCodec codec,
			TimeoutSweeper sweeper, MeterBinding meterBinding, @Nullable SslBundles sslBundles,
			ClientMemoryBudget memory, SessionRegistry sessions) {
		this.name = name;
		this.listener = listener;
		Refusal refusalAtMax = (listener.executor() == ExecutorKind.PLATFORM
				&& ListenerExecutors.connectionLimit(listener) < listener.maxConnections()) ? Refusal.MAX_THREADS
						: Refusal.MAX_CONNECTIONS;
		this.connections = new OpenConnections(ListenerExecutors.connectionLimit(listener),
				listener.maxConnectionsPerClient(), refusalAtMax);
		ConnectionCounters counters = new ConnectionCounters();
		RequestLimiter limiter = new RequestLimiter(listener.maxConcurrentRequests(), listener.queueTimeout());
		this.limiter = limiter;
		ListenerMeters meters = meterBinding.bind(name, this.connections, counters, limiter::inFlight,
				limiter.queues());
		AdmissionRules admission = new AdmissionRules(AddressPolicy.of(listener.allow(), listener.deny()),
				listener.proxyProtocol(), listener.trustedProxies().stream().map(Cidr::parse).toList(),
				listener.proxyProtocolTimeout());
		int backlog = AcceptBacklog.resolve(listener.backlog());
		this.sockets = bindSocket(name, listener, backlog, this.connections, counters, admission,
				framed(codec, Problem.SERVER_BUSY));
		this.executor = ListenerExecutors.create(name, listener);
		ConnectionSettings settings = new ConnectionSettings(
				new ReadTimeouts(listener.idleTimeout(), listener.frameTimeout()), listener.writeTimeout(), sweeper,
				counters, admission, tls(name, listener, sslBundles), memory, name, sessions);
		sessions.addListener(name, codec::push, listener.accessLog());
		this.server = GatewayServerFactorySpec
			.create(listener.port(), new GatewayConnectionSupport(settings), this.sockets)
			.backlog(backlog)
			.deserializer(codec.deserializer())
			.serializer(codec.serializer())
			// 0 (the default) leaves SO_SNDBUF to the kernel's auto-tuning.
			.soSendBufferSize((int) listener.sendBufferSize().toBytes())
			.soTcpNoDelay(true)
			.soKeepAlive(true)
			.lookupHost(false)
			.taskExecutor(this.executor);
		GatewayServerConnectionFactory factory = this.server.getObject();
		RequestDispatcher dispatcher = new RequestDispatcher(name, listener, codec, handler, meters, limiter, sweeper,
				factory::closeConnection);
		this.dispatcher = dispatcher;
		this.step = new DispatchStep(dispatcher);
		// The step answers on the connection's own thread, so any reply is already there
		// when the gateway looks: a one-way request (no reply) must not hold the
		// connection for the gateway's default 30 s reply timeout.
		this.flow = IntegrationFlow.from(new DirectReplyGatewaySpec(factory).replyTimeout(0)).handle(this.step).get();
	}

	IntegrationFlow flow() {
		return this.flow;
	}

	/** The flow's handler, which the flow's component list does not name. */
	DispatchStep step() {
		return this.step;
	}

	ActiveListener activeListener() {
		return new ActiveListener(this.name, this.listener, this.server.getObject(), this.connections, this.sockets,
				this.limiter);
	}

	AbstractServerConnectionFactory connectionFactory() {
		return this.server.getObject();
	}

	/**
	 * Draining begins; the port still accepts. An HTTP listener's replies say
	 * {@code Connection: close} and close their connections from now on, as Envoy does
	 * for its whole drain window: the client learns it in-band and opens a new
	 * connection, which the balancer sends elsewhere once it has noticed. A line or
	 * binary protocol has no such word, and closing its connections now would only have
	 * their clients reconnect to this instance; they are served as usual until the port
	 * closes.
	 */
	void startDraining() {
		if (this.listener.framing() == Framing.HTTP) {
			this.dispatcher.startDraining();
		}
	}

	/**
	 * Closes the port (new clients are refused by the kernel); from now on every reply
	 * closes its connection. Open connections stay.
	 */
	void stopAccepting() throws IOException {
		this.dispatcher.startDraining();
		this.sockets.stopAccepting();
	}

	/**
	 * Ends the connections quiet for {@code quiet} between requests; returns how many are
	 * still open.
	 */
	int endQuietConnections(Duration quiet) {
		return this.server.getObject().endQuietConnections(quiet);
	}

	void shutdownThreads() {
		ListenerExecutors.shutdown(this.executor);
	}

	/**
	 * The listener's TLS from its Spring Boot SSL bundle, kept current when the bundle is
	 * reloaded; null for a plaintext listener.
	 */
	private static @Nullable TlsSettings tls(String name, ListenerProperties listener,
			@Nullable SslBundles sslBundles) {
		ListenerSslProperties ssl = listener.ssl();
		if (!ssl.enabled()) {
			return null;
		}
		String key = "tcp.listeners." + name + ".ssl.bundle";
		if (sslBundles == null) {
			throw new InvalidListenerConfigurationException(key, "needs Spring Boot's SSL bundles, which are missing");
		}
		try {
			TlsLayer engine = TlsLayers.forListener(name, ssl, sslBundles.getBundle(ssl.bundle()));
			sslBundles.addBundleUpdateHandler(ssl.bundle(), engine::update);
			return new TlsSettings(engine, ssl.handshakeTimeout());
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidListenerConfigurationException(key,
					"'" + ssl.bundle() + "' is not an SSL bundle; "
							+ "define it under spring.ssl.bundle.jks or spring.ssl.bundle.pem (defined: "
							+ sslBundles.getBundleNames() + ")");
		}
	}

	/** An error reply as it goes on the wire, framed, for writing outside the gateway. */
	private static byte[] framed(FrameCodec codec, Problem problem) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			codec.serializer().serialize(codec.error(problem, null), bytes);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static PreboundSocketFactorySupport bindSocket(String name, ListenerProperties listener, int backlog,
			OpenConnections connections, ConnectionCounters counters, AdmissionRules admission, byte[] refusal) {
		try {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(listener.bindAddress()),
					listener.port());
			PreboundSocketFactorySupport sockets = new PreboundSocketFactorySupport(name, address, backlog, connections,
					counters, admission, refusal);
			sockets.bind();
			return sockets;
		}
		catch (IOException ex) {
			throw new InvalidListenerConfigurationException("tcp.listeners." + name + ".port",
					"cannot listen on " + listener.bindAddress() + ":" + listener.port() + " (" + ex.getMessage()
							+ "); free the port or choose another");
		}
	}

	/** Registers a listener's meters once, however often it is started. */
	@FunctionalInterface
	interface MeterBinding {

		ListenerMeters bind(String name, OpenConnections connections, ConnectionCounters counters, IntSupplier inFlight,
				boolean queued);

	}

}
