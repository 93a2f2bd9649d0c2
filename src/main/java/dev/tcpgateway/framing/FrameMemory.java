package dev.tcpgateway.framing;

import java.io.IOException;

/**
 * Implemented by an input stream whose frames count against a memory budget: a frame's
 * buffer reports each growth here before it allocates. A plain stream (a unit test's)
 * counts nothing.
 */
public interface FrameMemory {

	/**
	 * The frame being read is about to hold this many more bytes.
	 * @throws IOException instead of allowing it, when the connection must give up the
	 * frame (the server is out of memory for client buffers)
	 */
	void holding(int moreBytes) throws IOException;

}
