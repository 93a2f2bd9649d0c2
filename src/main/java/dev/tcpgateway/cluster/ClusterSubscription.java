package dev.tcpgateway.cluster;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts the channel subscriptions on a thread of their own: with Redis down at startup
 * the container keeps retrying, and the server must start and serve its own clients
 * meanwhile.
 */
final class ClusterSubscription implements SmartLifecycle {

	private static final long RETRY_MILLIS = 1000;

	private final RedisMessageListenerContainer container;

	private volatile boolean running;

	ClusterSubscription(RedisMessageListenerContainer container) {
		this.container = container;
	}

	@Override
	public void start() {
		this.running = true;
		Thread.ofVirtual().name("tcp-cluster-subscribe").start(this::subscribe);
	}

	/**
	 * The container retries a subscription that Redis drops, but not its first one: that
	 * is retried here, every second, until it holds or the server stops.
	 */
	private void subscribe() {
		while (this.running && !this.container.isListening()) {
			try {
				this.container.start();
			}
			catch (RuntimeException ex) {
				// Redis down: the cluster health component shows why.
				this.container.stop();
			}
			if (!this.container.isListening()) {
				try {
					Thread.sleep(RETRY_MILLIS);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
