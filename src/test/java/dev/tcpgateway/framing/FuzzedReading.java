package dev.tcpgateway.framing;

import java.io.IOException;
import java.util.Set;

import dev.tcpgateway.support.AllocationBound;
import dev.tcpgateway.support.SocketLikeInputStream;
import dev.tcpgateway.support.ThreadAllocation;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fuzz input read by one codec frame after frame, as a connection would read it, with
 * the invariants every framing keeps checked on each read.
 */
final class FuzzedReading {

	/**
	 * The rejections {@link Frame.Rejected} documents for bytes that cannot form a
	 * request.
	 */
	static final Set<Problem> REJECTIONS = Set.of(Problem.FRAME_TOO_LARGE, Problem.HEAD_TOO_LARGE, Problem.MALFORMED,
			Problem.NOT_IMPLEMENTED);

	/**
	 * What one read may allocate: the frame copied a few times as it is assembled and
	 * parsed, plus the end-of-stream exception and its stack trace.
	 */
	static final AllocationBound ALLOCATION = new AllocationBound(8, 8 * 1024);

	private final FuzzedCodec fuzzed;

	private final FrameCodec codec;

	private final Deserializer<Frame> deserializer;

	private final int maxFrameSize;

	private final long allocationBound;

	private final byte[] input;

	private SocketLikeInputStream in;

	FuzzedReading(FuzzedCodec fuzzed, int maxFrameSize, byte[] input) {
		this.fuzzed = fuzzed;
		this.codec = fuzzed.factory().apply(maxFrameSize);
		this.deserializer = this.codec.deserializer();
		this.maxFrameSize = maxFrameSize;
		this.allocationBound = ALLOCATION.bytes(maxFrameSize);
		this.input = input;
		this.in = new SocketLikeInputStream(input, 0);
	}

	/**
	 * Reads until the input ends or a frame is rejected (after which a connection is
	 * closed).
	 */
	void readAll() throws IOException {
		while (true) {
			int start = this.in.position();
			ThreadAllocation.Outcome<Frame> outcome = ThreadAllocation.measureWarm(this.allocationBound,
					() -> this.deserializer.deserialize(this.in = new SocketLikeInputStream(this.input, start)));
			assertThat(outcome.allocatedBytes()).as("%s: bytes allocated by one read at offset %d", this.fuzzed, start)
				.isLessThanOrEqualTo(this.allocationBound);
			if (outcome.thrown() != null) {
				assertEndOfStream(outcome.thrown());
				return;
			}
			Frame frame = outcome.value();
			if (frame instanceof Frame.Rejected rejected) {
				assertThat(REJECTIONS).as("%s: a documented rejection", this.fuzzed).contains(rejected.problem());
				return;
			}
			Frame.Request request = (Frame.Request) frame;
			assertThat(this.in.position()).as("%s: a frame takes at least one byte", this.fuzzed).isGreaterThan(start);
			assertThat(request.bytes().length).as("%s: frame size", this.fuzzed).isLessThanOrEqualTo(this.maxFrameSize);
			this.fuzzed.roundTrip().check(this.codec, request, this.in.takenSince(start));
		}
	}

	/**
	 * Only a quiet end of the connection, and only once the input is used up: anything
	 * else would reach the error log or drop a request.
	 */
	private void assertEndOfStream(Throwable thrown) {
		if (!(thrown instanceof SoftEndOfStreamException)) {
			throw new AssertionError(this.fuzzed + ": undocumented exception", thrown);
		}
		assertThat(this.in.exhausted()).as("%s: end of stream before the input ends", this.fuzzed).isTrue();
	}

}
