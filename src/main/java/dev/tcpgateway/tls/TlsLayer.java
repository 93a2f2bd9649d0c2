package dev.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;

/**
 * The engine that serves a TLS listener: built once from its SSL bundle (and again when
 * the bundle is reloaded), then one {@link SSLSocket} per accepted connection.
 */
public sealed interface TlsLayer permits JdkTlsLayer, OpenSslTlsLayer {

	/**
	 * Server-side TLS over an accepted socket. No byte moves here: the handshake happens
	 * on the connection's own thread, never on the accept thread.
	 */
	SSLSocket layer(Socket accepted) throws IOException;

	/** The bundle was reloaded: new connections get its key material. */
	void update(SslBundle bundle);

	/** Which engine this is, for the log and the listener's health details. */
	String description();

}
