package dev.tcpgateway.support;

import java.lang.management.ManagementFactory;

import org.jspecify.annotations.Nullable;

/**
 * What one call allocated on the heap, read from the JVM's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}): exact enough to bound a parser's allocations
 * by its frame limit.
 */
public final class ThreadAllocation {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ThreadAllocation() {
	}

	/**
	 * Runs {@code call}; whatever it returns or throws is kept with the bytes it took.
	 */
	public static <T> Outcome<T> measure(Call<T> call) {
		long before = THREADS.getCurrentThreadAllocatedBytes();
		try {
			T value = call.run();
			return new Outcome<>(value, null, THREADS.getCurrentThreadAllocatedBytes() - before);
		}
		catch (Throwable ex) {
			return new Outcome<>(null, ex, THREADS.getCurrentThreadAllocatedBytes() - before);
		}
	}

	/**
	 * Like {@link #measure}, but a call over {@code bound} bytes is measured a second
	 * time and that count kept: the first run of a path may load classes, which allocates
	 * without being the code under test's doing. The call must be repeatable.
	 */
	public static <T> Outcome<T> measureWarm(long bound, Call<T> call) {
		Outcome<T> outcome = measure(call);
		return (outcome.allocatedBytes() <= bound) ? outcome : measure(call);
	}

	@FunctionalInterface
	public interface Call<T> {

		T run() throws Exception;

	}

	/** The value returned, or the exception thrown, and the bytes allocated meanwhile. */
	public record Outcome<T>(@Nullable T value, @Nullable Throwable thrown, long allocatedBytes) {

	}

}
