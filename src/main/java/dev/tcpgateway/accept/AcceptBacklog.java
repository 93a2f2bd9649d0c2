package dev.tcpgateway.accept;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The accept queue length a listening socket asks for. {@code backlog: 0} means the
 * largest the kernel allows, as Go's net package and Netty do: a burst of connections
 * (10,000 clients connecting at once) then waits in the queue instead of having SYNs
 * dropped and retried a second later. Linux caps any request at
 * {@code net.core.somaxconn}, so that is the value to ask for.
 */
public final class AcceptBacklog {

	private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

	/**
	 * Where the kernel's limit cannot be read; such kernels cap the request themselves.
	 */
	private static final int FALLBACK = 4096;

	private AcceptBacklog() {
	}

	/** The configured backlog, or for 0 the operating system's maximum. */
	public static int resolve(int configured) {
		return (configured > 0) ? configured : systemMaximum();
	}

	static int systemMaximum() {
		// Line by line: procfs files report no real size, and Files.readString returns
		// only the first byte of "4096" (the kernel then gets a backlog of 4).
		try (BufferedReader reader = Files.newBufferedReader(SOMAXCONN)) {
			String line = reader.readLine();
			int value = (line != null) ? Integer.parseInt(line.strip()) : 0;
			return (value > 0) ? value : FALLBACK;
		}
		catch (IOException | NumberFormatException | SecurityException ex) {
			return FALLBACK;
		}
	}

}
