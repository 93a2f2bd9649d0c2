package dev.tcpgateway.accept;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

import dev.tcpgateway.connection.ConnectionCounters;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;

/**
 * Binds the listening socket on the caller's thread, before Spring Integration's accept
 * loop starts, so that a port already in use fails startup with a clear message instead
 * of an error logged later on a background thread while the application keeps running
 * without the listener.
 */
public final class PreboundSocketFactorySupport implements TcpSocketFactorySupport {

	private final String listener;

	private final InetSocketAddress address;

	private final int backlog;

	private final OpenConnections connections;

	private final ConnectionCounters counters;

	private final AdmissionRules rules;

	private final byte[] refusal;

	private @Nullable GatewayServerSocket bound;

	private volatile @Nullable GatewayServerSocket current;

	/**
	 * @param listener the listener's name, for log lines
	 * @param address where to listen
	 * @param backlog the accept queue length
	 * @param connections the listener's connection slots
	 * @param refusal the complete bytes sent to a connection refused for lack of a slot
	 */
	public PreboundSocketFactorySupport(String listener, InetSocketAddress address, int backlog,
			OpenConnections connections, ConnectionCounters counters, AdmissionRules rules, byte[] refusal) {
		this.listener = listener;
		this.rules = rules;
		this.counters = counters;
		this.address = address;
		this.backlog = backlog;
		this.connections = connections;
		this.refusal = refusal;
	}

	/**
	 * Binds now and returns the bound port (the real one when the configured port is 0).
	 */
	public synchronized int bind() throws IOException {
		GatewayServerSocket socket = new GatewayServerSocket(this.listener, this.connections, this.counters, this.rules,
				this.refusal);
		try {
			socket.setReuseAddress(true);
			socket.bind(this.address, this.backlog);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.bound = socket;
		this.current = socket;
		return socket.getLocalPort();
	}

	@Override
	public ServerSocketFactory getServerSocketFactory() {
		return new ServerSocketFactory() {

			@Override
			public ServerSocket createServerSocket(int port) throws IOException {
				return take();
			}

			@Override
			public ServerSocket createServerSocket(int port, int backlog) throws IOException {
				return take();
			}

			@Override
			public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
				return take();
			}

		};
	}

	/**
	 * The socket bound at startup; after a stop and start, a fresh one on the same
	 * address.
	 */
	private synchronized ServerSocket take() throws IOException {
		GatewayServerSocket socket = this.bound;
		if (socket == null || socket.isClosed()) {
			bind();
			socket = this.bound;
		}
		this.bound = null;
		return socket;
	}

	/**
	 * The accept error now in progress on the listening socket, or null while accepts
	 * succeed.
	 */
	public @Nullable String acceptFailure() {
		GatewayServerSocket socket = this.current;
		return (socket != null) ? socket.acceptFailure() : null;
	}

	/** The last accept error with its time, or null if there never was one. */
	public @Nullable String lastAcceptFailure() {
		GatewayServerSocket socket = this.current;
		return (socket != null) ? socket.lastAcceptFailure() : null;
	}

	/**
	 * Closes the port and keeps the open connections (see
	 * {@link GatewayServerSocket#stopAccepting()}).
	 */
	public void stopAccepting() throws IOException {
		GatewayServerSocket socket = this.current;
		if (socket != null) {
			socket.stopAccepting();
		}
	}

	@Override
	public SocketFactory getSocketFactory() {
		return SocketFactory.getDefault();
	}

}
