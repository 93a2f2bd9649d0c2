package dev.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's keytool, so no private key is ever
 * committed: a test CA; a server certificate for 127.0.0.1 and localhost; client
 * certificates signed by the CA (one valid, one expired); and a client certificate from a
 * CA nobody trusts. Every store is PKCS12 with the password {@value #PASSWORD}.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	public static TestCertificates createIn(Path directory) throws IOException, InterruptedException {
		TestCertificates certificates = new TestCertificates(directory);
		certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=tcp-gateway test CA", "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12");
		certificates.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
		certificates.keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-noprompt");
		certificates.signed("server", "CN=localhost",
				List.of("-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30"));
		certificates.signed("client", "CN=good client", List.of("-validity", "30"));
		certificates.signed("expired", "CN=expired client", List.of("-startdate", "-10d", "-validity", "1"));
		certificates.keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=rogue client", "-validity", "30", "-keystore", "rogue.p12");
		return certificates;
	}

	/**
	 * Another server certificate for 127.0.0.1 from the same CA, in {@code <name>.p12},
	 * with its own subject.
	 */
	public Path serverCertificate(String name, String subject) throws IOException, InterruptedException {
		signed(name, subject, List.of("-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "30"));
		return path(name + ".p12");
	}

	public Path path(String file) {
		return this.directory.resolve(file);
	}

	/**
	 * A client context that trusts the test CA and, unless {@code keyStore} is null,
	 * presents that store's certificate.
	 */
	public SSLContext clientContext(String keyStore) throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(load("trust.p12"));
		KeyManagerFactory keys = null;
		if (keyStore != null) {
			keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(keyStore), PASSWORD.toCharArray());
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), new SecureRandom());
		return context;
	}

	private KeyStore load(String file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path(file))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private void signed(String name, String subject, List<String> options) throws IOException, InterruptedException {
		String store = name + ".p12";
		keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
				"-keystore", store);
		keytool("-certreq", "-alias", "leaf", "-keystore", store, "-file", name + ".csr");
		List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile",
				name + ".csr", "-outfile", name + ".crt", "-rfc"));
		gencert.addAll(options);
		keytool(gencert.toArray(String[]::new));
		keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-noprompt");
		keytool("-importcert", "-alias", "leaf", "-file", name + ".crt", "-keystore", store);
	}

	private void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
		}
	}

}
