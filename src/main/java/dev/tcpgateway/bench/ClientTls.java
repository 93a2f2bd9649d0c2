package dev.tcpgateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The load generator's side of TLS: trusts the CA of {@code --ca}, presents the client
 * certificate of {@code --cert}/{@code --key} (PEM files read by Spring Boot's PEM
 * support, as the server's bundles are), checks that the server's certificate names the
 * address it was asked for, and counts handshakes, full and resumed.
 */
final class ClientTls {

	private final KeyManager[] keyManagers;

	private final TrustManager[] trustManagers;

	private final LongAdder full = new LongAdder();

	private final LongAdder resumed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private volatile String protocol = "no handshake";

	private ClientTls(SslManagerBundle managers) {
		this.keyManagers = managers.getKeyManagers();
		this.trustManagers = managers.getTrustManagers();
	}

	/** Reads the PEM files; fails with a message naming the option that is wrong. */
	static ClientTls load(LoadOptions.Tls options) {
		PemSslStoreDetails trust = PemSslStoreDetails.forCertificates(read("ca", options.ca()));
		PemSslStoreDetails keys = null;
		if (options.cert() != null && options.key() != null) {
			keys = PemSslStoreDetails.forCertificates(read("cert", options.cert()))
				.withPrivateKey(read("key", options.key()));
		}
		try {
			return new ClientTls(SslBundle.of(new PemSslStoreBundle(keys, trust)).getManagers());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("--ca, --cert or --key: " + ex.getMessage(), ex);
		}
	}

	private static String read(String option, String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("--" + option + " " + file + ": cannot read it (" + ex + ")", ex);
		}
	}

	/**
	 * A context with a client session cache of its own. The JDK's client resumes any
	 * session its context holds for the same address, so a client that must make full
	 * handshakes takes a new one per connection, and one that resumes keeps its own.
	 */
	SSLContext newSessionCache() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(this.keyManagers, this.trustManagers, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK offers no TLS context", ex);
		}
	}

	/** Layers TLS over a connected socket and completes the handshake. */
	SSLSocket handshake(Socket plain, String host, int port, SSLContext sessions) throws IOException {
		long before = System.currentTimeMillis();
		SSLSocket socket = (SSLSocket) sessions.getSocketFactory().createSocket(plain, host, port, true);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		try {
			socket.startHandshake();
		}
		catch (IOException ex) {
			this.failed.increment();
			throw ex;
		}
		// A full handshake makes a new session; a resumed one continues the session of
		// the
		// handshake it resumes, whose creation time the JDK's client keeps (TLS 1.3
		// tickets
		// included), so it is older than this connection.
		if (socket.getSession().getCreationTime() < before) {
			this.resumed.increment();
		}
		else {
			this.full.increment();
		}
		this.protocol = socket.getSession().getProtocol();
		return socket;
	}

	/**
	 * Whether the handshake failed on the server's certificate, a mistake of the run's
	 * options rather than of the load.
	 */
	static boolean untrusted(Throwable failure) {
		if (!(failure instanceof SSLHandshakeException)) {
			return false;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateException) {
				return true;
			}
		}
		return false;
	}

	long failed() {
		return this.failed.sum();
	}

	void print(PrintStream out, @Nullable String untrusted) {
		out.printf("tls       %s, handshakes %,d: full %,d, resumed %,d, failed %,d%n", this.protocol,
				this.full.sum() + this.resumed.sum(), this.full.sum(), this.resumed.sum(), this.failed.sum());
		if (untrusted != null) {
			out.println("tls       the server's certificate is not trusted: " + untrusted);
		}
	}

}
