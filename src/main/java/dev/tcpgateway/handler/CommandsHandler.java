package dev.tcpgateway.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A small line protocol for trying the server out and for health probes: {@code PING},
 * {@code ECHO}, {@code TIME}, {@code SLEEP}, {@code STATS}, {@code CLIENT}, {@code HELP},
 * {@code QUIT}. Every request gets exactly one reply line, so pipelining clients can
 * match replies by order.
 */
final class CommandsHandler implements TcpHandler {

	static final String HELP = "commands: PING, ECHO <text>, TIME, SLEEP <ms>, STATS, CLIENT, HELP, QUIT";

	private static final int MAX_ECHOED_NAME = 32;

	private final Duration maxSleep;

	private final ServerStats stats;

	private final Clock clock;

	CommandsHandler(Duration maxSleep, ServerStats stats, Clock clock) {
		this.maxSleep = maxSleep;
		this.stats = stats;
		this.clock = clock;
	}

	@Override
	public TcpReply handle(TcpRequest request) throws InterruptedException {
		String line = request.text();
		int space = line.indexOf(' ');
		String name = ((space < 0) ? line : line.substring(0, space)).strip().toUpperCase(Locale.ROOT);
		String argument = (space < 0) ? "" : line.substring(space + 1);
		return switch (name) {
			case "PING" -> noArgument(name, argument, "PONG");
			case "ECHO" -> echo(request.bytes());
			case "TIME" -> noArgument(name, argument, Instant.now(this.clock).toString());
			case "SLEEP" -> sleep(argument.strip());
			case "STATS" -> noArgument(name, argument, this.stats.summary());
			// Behind a load balancer, shows whether the PROXY protocol delivered the real
			// client.
			case "CLIENT" -> noArgument(name, argument, request.client());
			case "HELP" -> TcpReply.of(HELP);
			case "QUIT" -> TcpReply.of("BYE").thenClose();
			case "" -> TcpReply.of("ERR empty command (try HELP)");
			default -> TcpReply.of("ERR unknown command '" + printable(name) + "' (try HELP)");
		};
	}

	private static TcpReply noArgument(String name, String argument, String reply) {
		return argument.isBlank() ? TcpReply.of(reply) : TcpReply.of("ERR " + name + " takes no argument");
	}

	/**
	 * Echoes the raw bytes after {@code ECHO }, so binary and non-UTF-8 text come back
	 * unchanged.
	 */
	private static TcpReply echo(byte[] bytes) {
		int start = 0;
		while (start < bytes.length && bytes[start] != ' ') {
			start++;
		}
		start++;
		if (start >= bytes.length) {
			return TcpReply.of("ERR usage: ECHO <text>");
		}
		return TcpReply.of(Arrays.copyOfRange(bytes, start, bytes.length));
	}

	private TcpReply sleep(String argument) throws InterruptedException {
		long millis;
		try {
			millis = Long.parseLong(argument);
		}
		catch (NumberFormatException ex) {
			millis = -1;
		}
		if (millis < 0) {
			return TcpReply.of("ERR usage: SLEEP <ms>, a whole number from 0 to " + this.maxSleep.toMillis());
		}
		if (millis > this.maxSleep.toMillis()) {
			return TcpReply.of("ERR SLEEP " + millis + " is over the maximum of " + this.maxSleep.toMillis() + " ms");
		}
		Thread.sleep(millis);
		return TcpReply.of("SLEPT " + millis);
	}

	/**
	 * The client's text, shortened and stripped of control bytes, so it cannot forge a
	 * reply.
	 */
	private static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.limit(MAX_ECHOED_NAME)
			.forEach((c) -> out.appendCodePoint((Character.isISOControl(c) || c == 0xFFFD) ? '?' : c));
		return (text.length() > MAX_ECHOED_NAME) ? out + "..." : out.toString();
	}

}
