package dev.tcpgateway.tls;

import java.nio.ByteBuffer;

/** Growing the buffers of an {@link EngineSocket} when a record does not fit. */
final class EngineBuffers {

	private EngineBuffers() {
	}

	/**
	 * A larger buffer holding what {@code buffer} (in read mode) has left, in read mode:
	 * at least {@code size} bytes, and at least twice as large as before when that is not
	 * more.
	 */
	static ByteBuffer grown(ByteBuffer buffer, int size) {
		int capacity = Math.max(size, buffer.capacity() * 2);
		return ByteBuffer.allocate(capacity).put(buffer).flip();
	}

}
