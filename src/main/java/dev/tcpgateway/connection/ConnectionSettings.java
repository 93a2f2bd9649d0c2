package dev.tcpgateway.connection;

import java.time.Duration;

import dev.tcpgateway.accept.AdmissionRules;
import dev.tcpgateway.memory.ClientMemoryBudget;
import dev.tcpgateway.session.SessionRegistry;
import dev.tcpgateway.timeout.TimeoutSweeper;
import dev.tcpgateway.tls.TlsSettings;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one listener shares.
 *
 * @param readTimeouts idle and frame timeouts
 * @param writeTimeout how long one reply may take to write before the connection is
 * closed; zero for no limit
 * @param sweeper enforces the write timeout
 * @param memory the server-wide budget for bytes held from clients
 * @param listener the listener's name, for its sessions
 * @param sessions where each admitted connection opens its session
 */
public record ConnectionSettings(ReadTimeouts readTimeouts, Duration writeTimeout, TimeoutSweeper sweeper,
		ConnectionCounters counters, AdmissionRules admission, @Nullable TlsSettings tls, ClientMemoryBudget memory,
		String listener, SessionRegistry sessions) {
}
