package dev.tcpgateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * Server-side TLS over an accepted plain socket through an {@link SSLEngine} (OpenSSL's),
 * shaped as the {@link SSLSocket} the blocking, thread-per-connection model expects: the
 * handshake runs in {@link #startHandshake()} on the connection's thread, bounded by the
 * socket timeout; the streams unwrap and wrap records; closing sends close_notify. So
 * everything that handles a JSSE socket (handshake-timeout, client certificates from
 * {@link #getSession()}, the TLS paths of the connection) handles this one unchanged.
 * <p>
 * Threads: the connection's thread reads; replies and pushes write, pushes from other
 * threads. Reading holds {@link EngineInput}'s lock, writing {@link EngineOutput}'s; the
 * engine guards its own state (OpenSSL's engine is synchronized). A reader that has to
 * send (handshake messages, an alert) takes the output lock inside its own, never the
 * other way round, and a writer never waits for a read.
 */
final class EngineSocket extends SSLSocket implements EndableReads {

	private final Socket socket;

	private final SSLEngine engine;

	private final Runnable release;

	private final EngineOutput output;

	private final EngineInput input;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean handshakeDone;

	private volatile @Nullable String handshakeFailure;

	/**
	 * @param socket the accepted socket; the PROXY header, when any, has been read from
	 * it already (this reads nothing before {@link #startHandshake()})
	 * @param engine a server-mode engine for this connection only
	 * @param release frees the engine's native state, once, at close
	 */
	EngineSocket(Socket socket, SSLEngine engine, Runnable release) throws IOException {
		this.socket = socket;
		this.engine = engine;
		this.release = release;
		this.output = new EngineOutput(engine, socket.getOutputStream(), this);
		this.input = new EngineInput(engine, socket.getInputStream(), this.output);
	}

	@Override
	public void startHandshake() throws IOException {
		if (this.handshakeDone) {
			return;
		}
		this.input.lock.lock();
		try {
			if (this.handshakeDone) {
				return;
			}
			String failure = this.handshakeFailure;
			if (failure != null) {
				throw new SSLHandshakeException(failure);
			}
			try {
				handshake();
			}
			catch (IOException | RuntimeException ex) {
				this.handshakeFailure = String.valueOf(ex.getMessage());
				sendAlert();
				throw ex;
			}
			this.handshakeDone = true;
		}
		finally {
			this.input.lock.unlock();
		}
		if (!this.listeners.isEmpty()) {
			HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, this.engine.getSession());
			this.listeners.forEach((listener) -> listener.handshakeCompleted(event));
		}
	}

	private void handshake() throws IOException {
		this.engine.beginHandshake();
		while (true) {
			switch (this.engine.getHandshakeStatus()) {
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					if (!this.input.unwrap()) {
						throw new SSLHandshakeException("Remote host terminated the handshake");
					}
				}
				case NEED_WRAP, NEED_TASK -> this.output.afterStep(this.engine.getHandshakeStatus());
				case FINISHED, NOT_HANDSHAKING -> {
					// Anything the engine still holds (TLS 1.3 session tickets) leaves
					// now, as with JSSE, rather than with the first reply.
					this.output.afterStep(HandshakeStatus.NEED_WRAP);
					return;
				}
			}
		}
	}

	/** Best effort: the alert that says why the handshake failed. */
	private void sendAlert() {
		if (this.output.lock.tryLock()) {
			try {
				this.output.writeEngineRecords();
			}
			catch (IOException | RuntimeException ex) {
				// The client is gone or the engine has nothing to say.
			}
			finally {
				this.output.lock.unlock();
			}
		}
	}

	@Override
	public SSLSession getSession() {
		if (!this.handshakeDone && !isClosed()) {
			try {
				startHandshake();
			}
			catch (IOException ex) {
				// As JSSE: an invalid session rather than an exception.
			}
		}
		return this.engine.getSession();
	}

	@Override
	public @Nullable SSLSession getHandshakeSession() {
		return this.engine.getHandshakeSession();
	}

	@Override
	public InputStream getInputStream() throws IOException {
		checkOpen();
		return this.input;
	}

	@Override
	public OutputStream getOutputStream() throws IOException {
		checkOpen();
		return this.output;
	}

	private void checkOpen() throws SocketException {
		if (isClosed()) {
			throw new SocketException("Socket is closed");
		}
	}

	/**
	 * Sends close_notify, unless a write holds the output (a client that does not read:
	 * the close must end that write, not wait behind it), then closes the socket and
	 * frees the engine.
	 */
	@Override
	public void close() throws IOException {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			if (this.output.lock.tryLock()) {
				try {
					this.engine.closeOutbound();
					this.output.writeEngineRecords();
				}
				catch (IOException | RuntimeException ex) {
					// The client is gone; closing the socket is all that is left.
				}
				finally {
					this.output.lock.unlock();
				}
			}
		}
		finally {
			try {
				this.socket.close();
			}
			finally {
				this.release.run();
			}
		}
	}

	/** A TLS half-close: close_notify, then the socket's FIN; reading goes on. */
	@Override
	public void shutdownOutput() throws IOException {
		this.output.lock.lock();
		try {
			this.engine.closeOutbound();
			this.output.writeEngineRecords();
		}
		finally {
			this.output.lock.unlock();
		}
		this.socket.shutdownOutput();
	}

	@Override
	public void shutdownInput() throws IOException {
		this.socket.shutdownInput();
	}

	@Override
	public boolean isClosed() {
		return this.closed.get() || this.socket.isClosed();
	}

	@Override
	public boolean isInputShutdown() {
		return this.socket.isInputShutdown();
	}

	@Override
	public boolean isOutputShutdown() {
		return this.socket.isOutputShutdown();
	}

	@Override
	public boolean isConnected() {
		return this.socket.isConnected();
	}

	@Override
	public boolean isBound() {
		return this.socket.isBound();
	}

	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		throw new SocketException("Already connected");
	}

	@Override
	public void bind(SocketAddress bindpoint) throws IOException {
		throw new SocketException("Already bound");
	}

	@Override
	public @Nullable SocketChannel getChannel() {
		return null;
	}

	@Override
	public InetAddress getInetAddress() {
		return this.socket.getInetAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.socket.getLocalAddress();
	}

	@Override
	public int getPort() {
		return this.socket.getPort();
	}

	@Override
	public int getLocalPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return this.socket.getRemoteSocketAddress();
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return this.socket.getLocalSocketAddress();
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		this.socket.setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return this.socket.getSoTimeout();
	}

	@Override
	public void setTcpNoDelay(boolean on) throws SocketException {
		this.socket.setTcpNoDelay(on);
	}

	@Override
	public boolean getTcpNoDelay() throws SocketException {
		return this.socket.getTcpNoDelay();
	}

	@Override
	public void setSoLinger(boolean on, int linger) throws SocketException {
		this.socket.setSoLinger(on, linger);
	}

	@Override
	public int getSoLinger() throws SocketException {
		return this.socket.getSoLinger();
	}

	@Override
	public void setKeepAlive(boolean on) throws SocketException {
		this.socket.setKeepAlive(on);
	}

	@Override
	public boolean getKeepAlive() throws SocketException {
		return this.socket.getKeepAlive();
	}

	@Override
	public void setSendBufferSize(int size) throws SocketException {
		this.socket.setSendBufferSize(size);
	}

	@Override
	public int getSendBufferSize() throws SocketException {
		return this.socket.getSendBufferSize();
	}

	@Override
	public void setReceiveBufferSize(int size) throws SocketException {
		this.socket.setReceiveBufferSize(size);
	}

	@Override
	public int getReceiveBufferSize() throws SocketException {
		return this.socket.getReceiveBufferSize();
	}

	@Override
	public void setTrafficClass(int tc) throws SocketException {
		this.socket.setTrafficClass(tc);
	}

	@Override
	public int getTrafficClass() throws SocketException {
		return this.socket.getTrafficClass();
	}

	@Override
	public void setReuseAddress(boolean on) throws SocketException {
		this.socket.setReuseAddress(on);
	}

	@Override
	public boolean getReuseAddress() throws SocketException {
		return this.socket.getReuseAddress();
	}

	@Override
	public void setOOBInline(boolean on) throws SocketException {
		throw new SocketException("OOB data is not supported over TLS");
	}

	@Override
	public boolean getOOBInline() throws SocketException {
		return false;
	}

	@Override
	public void sendUrgentData(int data) throws IOException {
		throw new SocketException("Urgent data is not supported over TLS");
	}

	@Override
	public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
		this.socket.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.socket.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.socket.supportedOptions();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.engine.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.engine.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.engine.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.engine.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.engine.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.engine.setEnabledProtocols(protocols);
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.engine.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.engine.setSSLParameters(parameters);
	}

	@Override
	public @Nullable String getApplicationProtocol() {
		return this.engine.getApplicationProtocol();
	}

	@Override
	public @Nullable String getHandshakeApplicationProtocol() {
		return this.engine.getHandshakeApplicationProtocol();
	}

	@Override
	public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.listeners.remove(listener);
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.engine.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.engine.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.engine.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.engine.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.engine.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.engine.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.engine.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.engine.getEnableSessionCreation();
	}

	@Override
	public String toString() {
		return "EngineSocket[" + this.socket + "]";
	}

}
