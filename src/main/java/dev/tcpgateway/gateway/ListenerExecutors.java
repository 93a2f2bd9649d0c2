package dev.tcpgateway.gateway;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.tcpgateway.config.ExecutorKind;
import dev.tcpgateway.config.ListenerProperties;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The threads that run a listener's accept loop and its connections (one each while
 * open).
 */
final class ListenerExecutors {

	private ListenerExecutors() {
	}

	static Executor create(String name, ListenerProperties listener) {
		if (listener.executor() == ExecutorKind.PLATFORM) {
			// Admission at accept keeps connections below the pool size (see
			// connectionLimit). The
			// queue only absorbs the moment between a connection closing, which frees its
			// slot, and
			// its thread returning to the pool.
			ThreadPoolExecutor pool = new ThreadPoolExecutor(listener.maxThreads(), listener.maxThreads(), 60,
					TimeUnit.SECONDS, new ArrayBlockingQueue<>(listener.maxThreads()),
					Thread.ofPlatform().name("tcp-" + name + "-", 1).factory());
			pool.allowCoreThreadTimeOut(true);
			return pool;
		}
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("tcp-" + name + "-");
		// A virtual thread per connection: a handler that blocks holds no platform
		// thread.
		executor.setVirtualThreads(true);
		return executor;
	}

	/**
	 * How many connections the listener can hold: max-connections, and with a platform
	 * pool also its size less the thread that accepts, so that a connection over it is
	 * refused cleanly at accept rather than rejected by the pool.
	 */
	static int connectionLimit(ListenerProperties listener) {
		if (listener.executor() == ExecutorKind.PLATFORM) {
			return Math.min(listener.maxConnections(), listener.maxThreads() - 1);
		}
		return listener.maxConnections();
	}

	static void shutdown(Executor executor) {
		if (executor instanceof ThreadPoolExecutor pool) {
			pool.shutdownNow();
		}
	}

}
