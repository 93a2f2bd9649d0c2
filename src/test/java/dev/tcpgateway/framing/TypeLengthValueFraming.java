package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The README's custom framing example: a type byte, a 2-byte big-endian length, then that
 * many value bytes. The handler sees the type byte followed by the value, and replies the
 * same way.
 */
class TypeLengthValueFraming implements CustomFraming {

	@Override
	public byte[] read(BoundedFrameReader in) throws IOException {
		int type = in.readByte();
		if (type == 0) {
			throw new MalformedFrameException("type 0 is reserved");
		}
		int length = in.readUnsigned(2);
		// Past max-frame-size the reader rejects the frame before allocating.
		byte[] value = in.readBytes(length);
		byte[] request = new byte[1 + length];
		request[0] = (byte) type;
		System.arraycopy(value, 0, request, 1, length);
		return request;
	}

	@Override
	public void write(byte[] reply, OutputStream out) throws IOException {
		int length = reply.length - 1;
		if (length < 0 || length > 0xFFFF) {
			throw new IOException("a reply needs a type byte and at most 65535 value bytes");
		}
		out.write(reply[0]);
		out.write(length >>> 8);
		out.write(length);
		out.write(reply, 1, length);
	}

}
