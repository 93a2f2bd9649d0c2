package dev.tcpgateway.framing;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * A big-endian length of 1, 2 or 4 bytes, then the payload. The length is checked against
 * {@code max-frame-size} before anything is allocated, so a header of 0x7FFFFFFF costs
 * nothing.
 */
final class LengthHeaderCodec implements FrameCodec {

	private final int headerBytes;

	private final int maxFrameSize;

	private final ByteArrayLengthHeaderSerializer serializer;

	LengthHeaderCodec(int headerBytes, int maxFrameSize) {
		this.headerBytes = headerBytes;
		// A 1-byte header cannot describe more than 255 bytes, whatever the configuration
		// says.
		this.maxFrameSize = (int) Math.min(maxFrameSize, capacity(headerBytes));
		this.serializer = TcpCodecs.lengthHeader(headerBytes);
	}

	private static long capacity(int headerBytes) {
		return (headerBytes == 4) ? Integer.MAX_VALUE : (1L << (8 * headerBytes)) - 1;
	}

	@Override
	public Deserializer<Frame> deserializer() {
		return this::read;
	}

	private Frame read(InputStream in) throws IOException {
		long length = Streams.firstByte(in);
		for (int i = 1; i < this.headerBytes; i++) {
			length = (length << 8) | Streams.nextByte(in);
		}
		if (length > this.maxFrameSize) {
			return new Frame.Rejected(Problem.FRAME_TOO_LARGE);
		}
		return new DataFrame(Streams.exactly(in, (int) length));
	}

	@Override
	public Serializer<byte[]> serializer() {
		return this.serializer;
	}

	@Override
	public byte[] reply(Frame.Request request, byte[] body, boolean close) {
		return (body.length > capacity(this.headerBytes)) ? error(Problem.REPLY_TOO_LARGE, request) : body;
	}

	@Override
	public byte @Nullable [] push(byte[] body) {
		return (body.length > capacity(this.headerBytes)) ? null : body;
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request) {
		return Streams.errorLine(problem, this.maxFrameSize);
	}

}
