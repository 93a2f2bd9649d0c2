package dev.tcpgateway.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.RawClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * One echo listener per framing ({@code echo-crlf}, {@code echo-length-header-2}, ...),
 * each with a 64-byte max-frame-size, and a client side that frames requests and reads
 * replies the same way.
 */
final class EchoListeners {

	static final int MAX_FRAME_SIZE = 64;

	static final String PROPERTIES = "tcp.listeners.echo-crlf.port=0\ntcp.listeners.echo-crlf.framing=crlf\n"
			+ "tcp.listeners.echo-lf.port=0\ntcp.listeners.echo-lf.framing=lf\n"
			+ "tcp.listeners.echo-stx-etx.port=0\ntcp.listeners.echo-stx-etx.framing=stx-etx\n"
			+ "tcp.listeners.echo-length-header-1.port=0\ntcp.listeners.echo-length-header-1.framing=length-header-1\n"
			+ "tcp.listeners.echo-length-header-2.port=0\ntcp.listeners.echo-length-header-2.framing=length-header-2\n"
			+ "tcp.listeners.echo-length-header-4.port=0\ntcp.listeners.echo-length-header-4.framing=length-header-4\n"
			+ "tcp.listeners.echo-null-terminated.port=0\ntcp.listeners.echo-null-terminated.framing=null-terminated\n"
			+ "tcp.listeners.echo-http.port=0\ntcp.listeners.echo-http.framing=http\n"
			+ "tcp.listeners.echo-length-field.port=0\ntcp.listeners.echo-length-field.framing=length-field\n"
			+ "tcp.listeners.echo-length-field.length-field.size=3\n"
			+ "tcp.listeners.echo-length-field.length-field.byte-order=little-endian\n"
			+ "tcp.listeners.echo-length-field.length-field.adjustment=-3\n"
			+ "tcp.listeners.echo-delimited.port=0\ntcp.listeners.echo-delimited.framing=delimited\n"
			+ "tcp.listeners.echo-delimited.delimited.start=0x1E\ntcp.listeners.echo-delimited.delimited.end=0x1F0A\n"
			+ "tcp.listeners.echo-mllp.port=0\ntcp.listeners.echo-mllp.framing=mllp\n"
			+ "tcp.listeners.echo-octet-counting.port=0\ntcp.listeners.echo-octet-counting.framing=octet-counting\n"
			+ "tcp.listeners.echo-custom.port=0\ntcp.listeners.echo-custom.framing=custom\n"
			+ "tcp.listeners.echo-custom.codec=tlvFraming\n";

	/** The settings of the echo listeners whose framings have some. */
	private static final LengthFieldLayout LENGTH_FIELD = new LengthFieldLayout(0, 3, LengthFieldLayout.Encoding.BINARY,
			LengthFieldLayout.ByteOrder.LITTLE_ENDIAN, -3, false);

	private EchoListeners() {
	}

	static String listener(Framing framing) {
		return "echo-" + framing.configName();
	}

	/** The codec a client of this framing's echo listener uses. */
	static FrameCodec codec(Framing framing, int maxFrameSize) {
		FramingOptions options = switch (framing) {
			case LENGTH_FIELD -> FramingOptions.lengthField(LENGTH_FIELD);
			case DELIMITED -> FramingOptions.delimited(FrameReading.bytes(0x1E), FrameReading.bytes(0x1F, 0x0A));
			case CUSTOM -> FramingOptions.custom(new TypeLengthValueFraming());
			default -> FramingOptions.NONE;
		};
		return framing.codec(maxFrameSize, options);
	}

	/**
	 * The largest payload within the echo listeners' max-frame-size: the custom (TLV)
	 * framing counts its 2-byte length too.
	 */
	static int maxPayload(Framing framing) {
		return (framing == Framing.CUSTOM) ? MAX_FRAME_SIZE - 2 : MAX_FRAME_SIZE;
	}

	/** Frames a payload the way a client of this framing would. */
	static byte[] framed(Framing framing, byte[] payload) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			codec(framing, Integer.MAX_VALUE - 8).serializer().serialize(payload, out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads one reply frame (non-HTTP framings), or null when the server closed the
	 * connection.
	 */
	static byte @Nullable [] readReply(Framing framing, RawClient client) {
		try {
			InputStream in = client.socket().getInputStream();
			Frame frame = codec(framing, 1 << 20).deserializer().deserialize(in);
			return ((Frame.Request) frame).bytes();
		}
		catch (SoftEndOfStreamException ex) {
			return null;
		}
		catch (IOException ex) {
			if (ex.getMessage() != null && ex.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
				return null;
			}
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoHandlers {

		/**
		 * Named like each echo listener, since a listener's handler defaults to its own
		 * name.
		 */
		@Bean(name = { "echo-crlf", "echo-lf", "echo-stx-etx", "echo-length-header-1", "echo-length-header-2",
				"echo-length-header-4", "echo-null-terminated", "echo-http", "echo-length-field", "echo-delimited",
				"echo-mllp", "echo-octet-counting", "echo-custom" })
		TcpHandler echo() {
			return (request) -> TcpReply.of(request.bytes());
		}

		/** The README's bean for its custom framing example, as written there. */
		@Bean
		CustomFraming tlvFraming() {
			return new TypeLengthValueFraming();
		}

	}

}
