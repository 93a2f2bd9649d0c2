package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A framing of your own, for {@code framing: custom} with
 * {@code codec: <the bean's name>}. Implementations are shared by all connections of a
 * listener, so keep no per-connection state in fields.
 * <p>
 * The reader you get is bounded: it refuses to hand out more than {@code max-frame-size}
 * bytes for one frame, checking before it allocates, and the client gets the same error
 * reply and close as with the built-in framings. Throw {@link MalformedFrameException}
 * for bytes that cannot form a frame.
 */
public interface CustomFraming {

	/**
	 * Reads one frame and returns the bytes the handler sees as the request.
	 * @param in the connection's bytes, bounded by {@code max-frame-size} per frame
	 * @throws MalformedFrameException when the bytes cannot form a frame
	 * @throws IOException when the connection fails or ends
	 */
	byte[] read(BoundedFrameReader in) throws IOException;

	/**
	 * Frames and writes a reply: a handler's reply, or what {@link #errorReply} made of
	 * an error.
	 */
	void write(byte[] reply, OutputStream out) throws IOException;

	/**
	 * The reply for a problem, given its one-line text ({@code ERR frame too large ...});
	 * the text as is unless your protocol has an error message of its own.
	 */
	default byte[] errorReply(byte[] errorLine) {
		return errorLine;
	}

}
