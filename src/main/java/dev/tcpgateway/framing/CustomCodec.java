package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A user's {@link CustomFraming} with the built-ins' bounds and error handling: a fresh
 * bounded reader for every frame, and its failures turned into error replies and a close.
 */
final class CustomCodec implements FrameCodec {

	private static final Log logger = LogFactory.getLog(CustomCodec.class);

	private final CustomFraming framing;

	private final int maxFrameSize;

	CustomCodec(CustomFraming framing, int maxFrameSize) {
		this.framing = framing;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		try {
			byte[] bytes = this.framing.read(new BoundedFrameReader(in, this.maxFrameSize));
			return (bytes != null) ? new DataFrame(bytes) : new Frame.Rejected(Problem.MALFORMED);
		}
		catch (FrameTooLargeException ex) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		catch (MalformedFrameException ex) {
			return new Frame.Rejected(Problem.MALFORMED);
		}
		catch (SoftEndOfStreamException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// A bug in the user's framing is server code failing, as with a handler: the
			// operator gets the stack trace, the client a short error and a close.
			logger.error("custom framing " + this.framing.getClass().getName() + " failed to read a frame", ex);
			return new Frame.Rejected(Problem.MALFORMED);
		}
	}

	@Override
	public Serializer<byte[]> serializer() {
		return this.framing::write;
	}

	@Override
	public byte[] reply(Frame.Request request, byte[] body, boolean close) {
		return body;
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request) {
		return this.framing.errorReply(Streams.errorLine(problem, this.maxFrameSize));
	}

}
