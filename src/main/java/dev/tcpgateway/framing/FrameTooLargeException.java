package dev.tcpgateway.framing;

/**
 * A {@link CustomFraming} asked for more bytes than {@code max-frame-size} leaves; thrown
 * before anything is allocated.
 */
final class FrameTooLargeException extends RuntimeException {

	FrameTooLargeException() {
		super("frame too large", null, false, false);
	}

}
