package dev.tcpgateway.connection;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What every connection of one listener shares.
 *
 * @param readTimeouts idle and frame timeouts
 * @param writeTimeout how long one reply may take to write before the connection is
 * closed; zero for no limit
 * @param sweeper enforces the write timeout
 */
public record ConnectionSettings(ReadTimeouts readTimeouts, Duration writeTimeout, TimeoutSweeper sweeper,
		ConnectionCounters counters, AdmissionRules admission, @Nullable TlsSettings tls) {
}
