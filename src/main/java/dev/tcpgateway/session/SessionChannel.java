package dev.tcpgateway.session;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * What a session needs from its connection: where the client is, a way to write a framed
 * push (under the connection's write lock and write-timeout, so it never interleaves with
 * a reply), a way to end it, and the figures the connections endpoint shows. Implemented
 * by the connection; users never call it.
 */
public interface SessionChannel {

	/** The client: the accepted socket's peer, or the client a PROXY header named. */
	InetSocketAddress client();

	/**
	 * Writes one push, already framed, as a whole frame between replies; blocks while a
	 * reply is being written, and at most write-timeout on a client that does not read.
	 */
	void writePush(byte[] frame) throws IOException;

	/** Closes the connection, counted under {@code reason}'s close reason. */
	void end(SessionEnd reason);

	/** Requests read on the connection so far. */
	long requests();

	/** Bytes read from the client so far. */
	long bytesIn();

	/** Bytes written to the client so far. */
	long bytesOut();

	/** Nanoseconds since the connection last started waiting for a request. */
	long idleNanos();

}
