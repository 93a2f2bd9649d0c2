package dev.tcpgateway.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The child processes a test started (servers, HAProxy, Redis), stopped in the order they
 * were started when the test ends: a field of the test marked {@code @AutoClose}.
 */
public final class ChildProcesses implements AutoCloseable {

	private final List<AutoCloseable> started = new ArrayList<>();

	public void add(AutoCloseable process) {
		this.started.add(process);
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable process : this.started) {
			process.close();
		}
		this.started.clear();
	}

}
