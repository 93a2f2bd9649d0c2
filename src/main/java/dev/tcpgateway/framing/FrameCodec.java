package dev.tcpgateway.framing;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * One listener's framing: reads requests off the socket and encodes replies and errors,
 * every frame bounded by the listener's {@code max-frame-size}.
 */
public interface FrameCodec {

	/**
	 * Reads one frame. End of stream, before or inside a frame, ends the connection
	 * quietly with a
	 * {@link org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException}.
	 */
	Deserializer<Frame> deserializer();

	/**
	 * Writes bytes produced by {@link #reply} or {@link #error} with this framing's
	 * delimiters.
	 */
	Serializer<byte[]> serializer();

	/** Encodes a handler's reply to {@code request}. */
	byte[] reply(Frame.Request request, byte[] body, boolean close);

	/**
	 * Encodes an error reply; {@code request} is null when the frame itself was rejected.
	 */
	byte[] error(Problem problem, Frame.@Nullable Request request);

	/**
	 * Encodes a push, a message the client did not ask for, for {@link #serializer()};
	 * null when this framing cannot carry one. By default framed like a reply.
	 */
	default byte @Nullable [] push(byte[] body) {
		return body;
	}

	/**
	 * An error reply after which the server closes the connection when {@code close} (a
	 * drain), whatever the problem; only HTTP has a way to say so.
	 */
	default byte[] error(Problem problem, Frame.Request request, boolean close) {
		return error(problem, request);
	}

}
