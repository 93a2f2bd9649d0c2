package dev.tcpgateway.framing;

import org.jspecify.annotations.Nullable;

/**
 * A codec whose serializer does all the framing: a reply is the handler's bytes as they
 * are, an error the {@code ERR <reason>} line.
 */
abstract class PlainReplyCodec implements FrameCodec {

	protected final int maxFrameSize;

	PlainReplyCodec(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public byte[] reply(Frame.Request request, byte[] body, boolean close) {
		return body;
	}

	@Override
	public byte[] error(Problem problem, Frame.@Nullable Request request) {
		return Streams.errorLine(problem, this.maxFrameSize);
	}

}
