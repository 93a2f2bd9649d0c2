package dev.tcpgateway.handler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.tcpgateway.session.TcpConnections;

/**
 * A small line protocol for trying the server out and for health probes: {@code PING},
 * {@code ECHO}, {@code TIME}, {@code SLEEP}, {@code STATS}, {@code CLIENT}, {@code HELP},
 * {@code QUIT}; and a chat over sessions and pushes: {@code LOGIN}, {@code WHO},
 * {@code SEND}. Every request gets exactly one reply line, so pipelining clients can
 * match replies by order; a message from another client arrives as an extra {@code MSG}
 * line between replies.
 */
final class CommandsHandler implements TcpHandler {

	static final String HELP = "commands: PING, ECHO <text>, TIME, SLEEP <ms>, STATS, CLIENT, LOGIN <name>, WHO, "
			+ "SEND <name> <text>, HELP, QUIT";

	private static final int MAX_NAME = 64;

	private static final int MAX_ECHOED_NAME = 32;

	private final Duration maxSleep;

	private final ServerStats stats;

	private final Clock clock;

	private final TcpConnections connections;

	CommandsHandler(Duration maxSleep, ServerStats stats, Clock clock, TcpConnections connections) {
		this.connections = connections;
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
			case "LOGIN" -> login(request, argument.strip());
			case "WHO" -> noArgument(name, argument, who(request.listener()));
			case "SEND" -> send(request, argument);
			case "HELP" -> TcpReply.of(HELP);
			case "QUIT" -> TcpReply.of("BYE").thenClose();
			case "" -> TcpReply.of("ERR empty command (try HELP)");
			default -> TcpReply.of("ERR unknown command '" + printable(name) + "' (try HELP)");
		};
	}

	/** Names this connection; a connection that had the name before is closed. */
	private static TcpReply login(TcpRequest request, String name) {
		if (!isName(name)) {
			return TcpReply.of("ERR usage: LOGIN <name>, up to " + MAX_NAME + " printable characters without spaces");
		}
		request.session().name(name);
		return TcpReply.of("OK");
	}

	private static boolean isName(String name) {
		return !name.isEmpty() && name.length() <= MAX_NAME && name.codePoints()
			.noneMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c) || c == 0xFFFD);
	}

	/**
	 * The names on this instance; with the cluster on, followed by the count over every
	 * instance.
	 */
	private String who(String listener) {
		String here = this.connections.list(listener)
			.stream()
			.map((session) -> session.name())
			.filter(Objects::nonNull)
			.sorted()
			.collect(Collectors.joining(" "));
		return this.connections.cluster()
			.map((cluster) -> here + " (cluster: " + cluster.named() + " named on " + cluster.instances()
					+ " instances)")
			.orElse(here);
	}

	/**
	 * Pushes {@code MSG <sender> <text>} to the named connection; the sender is its name,
	 * or its address before it logged in.
	 */
	private TcpReply send(TcpRequest request, String argument) {
		int space = argument.indexOf(' ');
		String to = (space < 0) ? "" : argument.substring(0, space);
		String text = (space < 0) ? "" : argument.substring(space + 1);
		if (to.isEmpty() || text.isEmpty()) {
			return TcpReply.of("ERR usage: SEND <name> <text>");
		}
		String sender = request.session().name();
		String from = (sender != null) ? sender : request.client();
		return switch (this.connections.send(to, "MSG " + from + " " + text)) {
			case QUEUED -> TcpReply.of("SENT");
			case NO_SUCH_CONNECTION, FAILED -> TcpReply.of("ERR no such client");
			case DROPPED -> TcpReply.of("ERR client is not reading; message dropped");
			case REFUSED -> TcpReply.of("ERR client cannot receive messages");
			case UNAVAILABLE -> TcpReply.of("ERR cluster unavailable; message not sent");
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
