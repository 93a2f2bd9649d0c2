package dev.tcpgateway.tls;

/**
 * A TLS socket whose input can be shut under the session to end a blocked read, as a
 * plain socket's can: the connection's sweeper then bounds its reads, and its reads need
 * no socket timeout. JSSE's sockets cannot (shutting their input fails the session), so
 * they keep a timed read, which on a virtual thread schedules and cancels a timer task
 * for every read that waits.
 */
public interface EndableReads {

}
