package dev.tcpgateway.handler;

/** The one-line server summary behind the {@code STATS} command. */
@FunctionalInterface
public interface ServerStats {

	/** For example {@code connections=3 requests=1200 uptime=75s}. */
	String summary();

}
