package dev.tcpgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients of the {@link PushBenchmark}, in a JVM of their own (a process may hold
 * fewer descriptors than both ends of 10,000 connections need): connects
 * {@code --connections} clients to {@code --port} plus one that never reads, prints
 * {@code connected}, then for each round it is told about on standard input (a line
 * {@code round}) prints {@code reached <clients> <System.nanoTime()>} once every client
 * has one more line, or after a minute what it has.
 */
public final class PushClients {

	private static final long ROUND_TIMEOUT_NANOS = 60_000_000_000L;

	private PushClients() {
	}

	public static void main(String[] args) throws IOException {
		int port = PushBenchmark.option(args, "--port", 0);
		int count = PushBenchmark.option(args, "--connections", 10_000);
		PrintStream out = System.out;
		List<SocketChannel> clients = new ArrayList<>(count);
		try (Selector selector = Selector.open(); Socket stuck = new Socket()) {
			stuck.setReceiveBufferSize(4096);
			stuck.connect(new InetSocketAddress("127.0.0.1", port));
			int[] lines = new int[count];
			for (int i = 0; i < count; i++) {
				SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				client.configureBlocking(false);
				client.register(selector, SelectionKey.OP_READ, i);
				clients.add(client);
			}
			out.println("connected");
			out.flush();
			BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			int round = 0;
			while (commands.readLine() != null) {
				round++;
				long start = System.nanoTime();
				int reached = 0;
				while (reached < count && System.nanoTime() - start < ROUND_TIMEOUT_NANOS) {
					reached += read(selector, buffer, lines, round);
				}
				out.println("reached " + reached + " " + System.nanoTime());
				out.flush();
			}
		}
		finally {
			for (SocketChannel client : clients) {
				client.close();
			}
		}
	}

	/** Reads what is ready; how many clients have just reached {@code round} lines. */
	private static int read(Selector selector, ByteBuffer buffer, int[] lines, int round) throws IOException {
		if (selector.select(100) == 0) {
			return 0;
		}
		int reached = 0;
		for (SelectionKey key : selector.selectedKeys()) {
			int index = (Integer) key.attachment();
			buffer.clear();
			int read = ((SocketChannel) key.channel()).read(buffer);
			if (read < 0) {
				key.cancel();
				continue;
			}
			int before = lines[index];
			for (int i = 0; i < read; i++) {
				if (buffer.get(i) == '\n') {
					lines[index]++;
				}
			}
			if (before < round && lines[index] >= round) {
				reached++;
			}
		}
		selector.selectedKeys().clear();
		return reached;
	}

}
