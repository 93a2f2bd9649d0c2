package dev.tcpgateway.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.config.InvalidListenerConfigurationException;
import dev.tcpgateway.config.ListenerConfigurationValidator;
import dev.tcpgateway.config.ListenerProperties;
import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.connection.GatewayConnectionSupport;
import dev.tcpgateway.connection.OpenConnections;
import dev.tcpgateway.connection.PreboundSocketFactorySupport;
import dev.tcpgateway.framing.Frame;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.observability.ListenerMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Turns each declared listener into a running TCP inbound gateway at startup and removes them at
 * shutdown. Start is all-or-nothing: every handler is resolved and every port bound on the
 * starting thread, so a bad listener fails startup with one line instead of leaving a server
 * that runs without it.
 */
@Component
class ListenerLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ListenerLifecycle.class);

	private static final long LISTEN_TIMEOUT_MILLIS = 10_000;

	private final TcpGatewayProperties properties;

	private final IntegrationFlowContext flowContext;

	private final ListableBeanFactory beans;

	private final MeterRegistry meterRegistry;

	private final Listeners listeners;

	private final ConfigurableEnvironment environment;

	private final Map<String, OpenConnections> connectionCounts = new HashMap<>();

	private final Map<String, ListenerMeters> meters = new HashMap<>();

	private final List<IntegrationFlowRegistration> registrations = new ArrayList<>();

	private volatile boolean running;

	ListenerLifecycle(TcpGatewayProperties properties, IntegrationFlowContext flowContext, ListableBeanFactory beans,
			MeterRegistry meterRegistry, Listeners listeners, ConfigurableEnvironment environment) {
		this.properties = properties;
		this.flowContext = flowContext;
		this.beans = beans;
		this.meterRegistry = meterRegistry;
		this.listeners = listeners;
		this.environment = environment;
	}

	@Override
	public synchronized void start() {
		ListenerConfigurationValidator.validate(this.properties);
		HandlerLookup lookup = new HandlerLookup(this.beans);
		Map<String, TcpHandler> handlers = new LinkedHashMap<>();
		this.properties.enabledListeners().forEach((name, listener) -> handlers.put(name, lookup.find(name, listener.handler())));
		Map<String, Object> boundPorts = new HashMap<>();
		try {
			handlers.forEach((name, handler) -> boundPorts.put("local.tcp.listeners." + name + ".port",
					start(name, this.properties.enabledListeners().get(name), handler)));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		this.environment.getPropertySources().addFirst(new MapPropertySource("tcpGatewayBoundPorts", boundPorts));
		this.running = true;
	}

	private int start(String name, ListenerProperties listener, TcpHandler handler) {
		OpenConnections open = this.connectionCounts.computeIfAbsent(name, (key) -> new OpenConnections());
		ListenerMeters listenerMeters = this.meters.computeIfAbsent(name,
				(key) -> ListenerMeters.register(this.meterRegistry, name, open));
		FrameCodec codec = listener.framing().codec((int) listener.maxFrameSize().toBytes());
		PreboundSocketFactorySupport sockets = bindSocket(name, listener);
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("tcp-" + name + "-");
		// A virtual thread per connection: a handler that blocks holds no platform thread.
		executor.setVirtualThreads(true);
		TcpNetServerConnectionFactorySpec server = Tcp.netServer(listener.port())
			.backlog(listener.backlog())
			.deserializer(codec.deserializer())
			.serializer(codec.serializer())
			// Also sizes Spring Integration's per-connection output buffer (megabytes by default).
			.soSendBufferSize((int) listener.sendBufferSize().toBytes())
			.soTcpNoDelay(true)
			.soKeepAlive(true)
			.lookupHost(false)
			.taskExecutor(executor)
			.socketFactorySupport(sockets)
			.connectionSupport(new GatewayConnectionSupport(open));
		AbstractServerConnectionFactory factory = server.getObject();
		RequestDispatcher dispatcher = new RequestDispatcher(name, listener.framing(), codec, handler,
				listener.delay(), listenerMeters);
		IntegrationFlow flow = IntegrationFlow.from(Tcp.inboundGateway(server))
			.handle(Frame.class, dispatcher)
			.get();
		this.registrations.add(this.flowContext.registration(flow).id("tcp-listener-" + name).register());
		awaitListening(name, factory);
		this.listeners.add(new ActiveListener(name, listener, factory, open));
		logger.info("Listening on " + listener.bindAddress() + ":" + factory.getPort() + " (" + name + ", framing "
				+ listener.framing().configName() + ")");
		return factory.getPort();
	}

	private static PreboundSocketFactorySupport bindSocket(String name, ListenerProperties listener) {
		String key = "tcp.listeners." + name + ".port";
		try {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(listener.bindAddress()),
					listener.port());
			PreboundSocketFactorySupport sockets = new PreboundSocketFactorySupport(address, listener.backlog());
			sockets.bind();
			return sockets;
		}
		catch (IOException ex) {
			throw new InvalidListenerConfigurationException(key, "cannot listen on " + listener.bindAddress() + ":"
					+ listener.port() + " (" + ex.getMessage() + "); free the port or choose another");
		}
	}

	private static void awaitListening(String name, AbstractServerConnectionFactory factory) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LISTEN_TIMEOUT_MILLIS);
		while (!factory.isListening()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Listener '" + name + "' did not start listening within "
						+ LISTEN_TIMEOUT_MILLIS + " ms");
			}
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while starting listener '" + name + "'", ex);
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.registrations.forEach(IntegrationFlowRegistration::destroy);
		this.registrations.clear();
		this.listeners.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
