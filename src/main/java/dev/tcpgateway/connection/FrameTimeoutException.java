package dev.tcpgateway.connection;

import java.net.SocketTimeoutException;

/** A frame began but did not complete within {@code frame-timeout}. */
final class FrameTimeoutException extends SocketTimeoutException {

	FrameTimeoutException() {
		super("frame not completed within frame-timeout");
	}

}
