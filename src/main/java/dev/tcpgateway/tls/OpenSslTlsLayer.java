package dev.tcpgateway.tls;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import dev.tcpgateway.config.ListenerSslProperties.ClientAuth;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;

import org.springframework.boot.ssl.SslBundle;

/**
 * OpenSSL's TLS (BoringSSL, through Netty): an {@link SSLEngine} per connection from one
 * Netty {@link SslContext} per bundle, driven by an {@link EngineSocket}.
 * <p>
 * The reference-counted flavour, so that native memory is freed when a connection closes
 * rather than when the garbage collector gets to a finalizer: an engine is released by
 * its socket's close, a context replaced by a reload once its last engine is.
 */
final class OpenSslTlsLayer implements TlsLayer {

	private final ClientAuth clientAuth;

	private volatile SslContext context;

	OpenSslTlsLayer(SslBundle bundle, ClientAuth clientAuth) {
		this.clientAuth = clientAuth;
		this.context = OpenSslContexts.build(bundle, clientAuth);
	}

	@Override
	public SSLSocket layer(Socket accepted) throws IOException {
		SSLEngine engine = newEngine();
		try {
			return new EngineSocket(accepted, engine, () -> ReferenceCountUtil.release(engine));
		}
		catch (IOException | RuntimeException ex) {
			ReferenceCountUtil.release(engine);
			throw ex;
		}
	}

	private SSLEngine newEngine() {
		try {
			return this.context.newEngine(ByteBufAllocator.DEFAULT);
		}
		catch (IllegalReferenceCountException ex) {
			// A reload released that context between the read and the call.
			return this.context.newEngine(ByteBufAllocator.DEFAULT);
		}
	}

	@Override
	public void update(SslBundle bundle) {
		SslContext previous = this.context;
		this.context = OpenSslContexts.build(bundle, this.clientAuth);
		ReferenceCountUtil.release(previous);
	}

	@Override
	public String description() {
		return "OpenSSL engine (" + OpenSsl.versionString() + ")";
	}

}
