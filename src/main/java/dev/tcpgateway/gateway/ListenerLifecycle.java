package dev.tcpgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.config.ListenerConfigurationValidator;
import dev.tcpgateway.config.TcpGatewayProperties;
import dev.tcpgateway.framing.FrameCodec;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.memory.ClientMemoryBudget;
import dev.tcpgateway.observability.ListenerMeters;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.timeout.TimeoutSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.support.management.IntegrationManagement;

/**
 * Turns each declared listener into a running TCP inbound gateway at startup and removes
 * them at shutdown. Start is all-or-nothing: every handler is resolved and every port
 * bound on the starting thread, so a bad listener fails startup with one line instead of
 * leaving a server that runs without it.
 */
class ListenerLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ListenerLifecycle.class);

	private static final long LISTEN_TIMEOUT_MILLIS = 10_000;

	/** Spring's own default for spring.lifecycle.timeout-per-shutdown-phase. */
	private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

	/** Granularity of write and handler timeouts. */
	private static final Duration SWEEP_TICK = Duration.ofMillis(50);

	private final TcpGatewayProperties properties;

	private final IntegrationFlowContext flowContext;

	private final ListableBeanFactory beans;

	private final MeterRegistry meterRegistry;

	private final Listeners listeners;

	private final ConfigurableEnvironment environment;

	private final ApplicationEventPublisher publisher;

	private final ObjectProvider<SslBundles> sslBundles;

	private final ClientMemoryBudget memory;

	private final SessionRegistry sessions;

	private final List<Started> started = new ArrayList<>();

	private @Nullable TimeoutSweeper sweeper;

	private volatile boolean running;

	/**
	 * Whether a drain turned readiness to refusing, so that a later start turns it back.
	 */
	private boolean refusedTraffic;

	ListenerLifecycle(TcpGatewayProperties properties, IntegrationFlowContext flowContext, ListableBeanFactory beans,
			MeterRegistry meterRegistry, Listeners listeners, ConfigurableEnvironment environment,
			ApplicationEventPublisher publisher, ObjectProvider<SslBundles> sslBundles, ClientMemoryBudget memory,
			SessionRegistry sessions) {
		this.publisher = publisher;
		this.sessions = sessions;
		this.memory = memory;
		this.sslBundles = sslBundles;
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
		CodecLookup codecLookup = new CodecLookup(this.beans);
		Map<String, TcpHandler> handlers = new LinkedHashMap<>();
		Map<String, FrameCodec> codecs = new HashMap<>();
		this.properties.enabledListeners().forEach((name, listener) -> {
			handlers.put(name, lookup.find(name, listener.handler()));
			codecs.put(name, codecLookup.find(name, listener));
		});
		TimeoutSweeper timeouts = new TimeoutSweeper(SWEEP_TICK);
		this.sweeper = timeouts;
		Map<String, Object> boundPorts = new HashMap<>();
		try {
			handlers.forEach((name, handler) -> boundPorts.put("local.tcp.listeners." + name + ".port",
					start(name, handler, codecs.get(name), timeouts)));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		this.environment.getPropertySources().addFirst(new MapPropertySource("tcpGatewayBoundPorts", boundPorts));
		this.running = true;
		if (this.refusedTraffic) {
			// Started again after a stop that drained (a context stopped and restarted,
			// as
			// Spring's test framework does with a paused context): ready again.
			this.refusedTraffic = false;
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private int start(String name, TcpHandler handler, FrameCodec codec, TimeoutSweeper timeouts) {
		var listener = this.properties.enabledListeners().get(name);
		ListenerAssembly assembly = new ListenerAssembly(name, listener, handler, codec, timeouts,
				(listenerName, connections, counters, inFlight, queued) -> ListenerMeters.register(this.meterRegistry,
						listenerName, connections, counters, inFlight, queued),
				this.sslBundles.getIfAvailable(), this.memory, this.sessions);
		IntegrationFlowRegistration registration = this.flowContext.registration(assembly.flow())
			.id("tcp-listener-" + name)
			.register();
		this.started.add(new Started(name, registration, assembly));
		withoutPerComponentTimers(assembly);
		AbstractServerConnectionFactory factory = assembly.connectionFactory();
		awaitListening(name, factory);
		this.listeners.add(assembly.activeListener());
		logger.info("Listening on " + listener.bindAddress() + ":" + factory.getPort() + " (" + name + ", framing "
				+ listener.framing().configName() + ")");
		return factory.getPort();
	}

	/**
	 * Spring Integration times every message three times over (the gateway, its channel
	 * and the handler, as {@code spring.integration.send}); for a listener that is what
	 * {@code tcp.request.duration} and {@code tcp.requests} already measure, and the
	 * three timers cost about 8% of keep-alive throughput. A component without a metrics
	 * captor skips its timing branch altogether.
	 */
	@SuppressWarnings("NullAway")
	private static void withoutPerComponentTimers(ListenerAssembly assembly) {
		for (Object component : assembly.flow().getIntegrationComponents().keySet()) {
			if (component instanceof IntegrationManagement managed) {
				managed.registerMetricsCaptor(null);
			}
		}
		// The handler sits inside its endpoint's factory bean, so the list above misses
		// it.
		assembly.step().registerMetricsCaptor(null);
	}

	private static void awaitListening(String name, AbstractServerConnectionFactory factory) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LISTEN_TIMEOUT_MILLIS);
		while (!factory.isListening()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Listener '" + name + "' did not start listening within " + LISTEN_TIMEOUT_MILLIS + " ms");
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

	/**
	 * The context's shutdown: drains on a thread of its own, and reports back within the
	 * shutdown phase's timeout (spring.lifecycle.timeout-per-shutdown-phase), which also
	 * bounds the drain.
	 */
	@Override
	public void stop(Runnable callback) {
		List<ListenerAssembly> draining;
		synchronized (this) {
			draining = this.started.stream().map(Started::assembly).toList();
		}
		if (draining.isEmpty()) {
			stop();
			callback.run();
			return;
		}
		// Spring Boot's web context does the same as it starts closing; a context without
		// a web server needs it here.
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		synchronized (this) {
			this.refusedTraffic = true;
		}
		ListenerDrain drain = new ListenerDrain(this.properties.shutdown().drainDelay(), gracePeriod());
		Thread.ofPlatform().name("tcp-drain").daemon().start(() -> {
			try {
				drain.drain(draining);
			}
			finally {
				stop();
				callback.run();
			}
		});
	}

	private Duration gracePeriod() {
		return this.environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
				DEFAULT_GRACE);
	}

	@Override
	public synchronized void stop() {
		for (Started listener : this.started) {
			listener.registration().destroy();
			listener.assembly().shutdownThreads();
			ListenerMeters.remove(this.meterRegistry, listener.name());
		}
		this.started.clear();
		this.listeners.clear();
		if (this.sweeper != null) {
			this.sweeper.close();
			this.sweeper = null;
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Started(String name, IntegrationFlowRegistration registration, ListenerAssembly assembly) {
	}

}
