package dev.tcpgateway.connection;

import java.io.IOException;

/**
 * The server's budget for client buffers ran out and this connection was chosen to end;
 * the reader answers it like a bad frame.
 */
final class EvictedForMemoryException extends IOException {

	EvictedForMemoryException() {
		super("connection ended to keep client buffers within tcp.memory.max-buffered");
	}

}
