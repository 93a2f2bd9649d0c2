package dev.tcpgateway.framing;

/**
 * Thrown by a {@link CustomFraming} for bytes that cannot form a frame: the client gets
 * the {@code malformed request} error and the connection is closed.
 */
public class MalformedFrameException extends RuntimeException {

	public MalformedFrameException(String reason) {
		super(reason);
	}

}
