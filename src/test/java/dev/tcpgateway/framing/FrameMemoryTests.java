package dev.tcpgateway.framing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Frame buffers report their growth before allocating it, never grow past their frame's
 * limit, and stop when the budget says no.
 */
class FrameMemoryTests {

	private static final int MAX = 64 * 1024;

	@Test
	void aLineGrowsNoFurtherThanItsLimit() throws IOException {
		CountingStream in = new CountingStream(("x".repeat(MAX + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		assertThat(Framing.CRLF.codec(MAX).deserializer().deserialize(in))
			.isEqualTo(new Frame.Rejected(Problem.FRAME_TOO_LARGE));
		// 128, 256, ... 65,536, then the one byte of slack for a CR: doubling would have
		// taken the buffer to 131,072.
		assertThat(in.charged()).isEqualTo(MAX + 1 - 128);
		assertThat(in.charges()).last().isEqualTo(1);
	}

	@Test
	void smallFramesChargeNothing() throws IOException {
		CountingStream in = new CountingStream("PING\r\nGET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(Framing.CRLF.codec(MAX).deserializer().deserialize(in)).isInstanceOf(Frame.Request.class);
		assertThat(Framing.HTTP.codec(MAX).deserializer().deserialize(in)).isInstanceOf(Frame.Request.class);
		assertThat(in.charges()).isEmpty();
	}

	@Test
	void anHttpBodyGrowsAsItArrives() throws IOException {
		String head = "POST / HTTP/1.1\r\nContent-Length: 60000\r\n\r\n";
		byte[] sent = (head + "b".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
		CountingStream in = new CountingStream(sent);
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> Framing.HTTP.codec(MAX).deserializer().deserialize(in));
		// Announced 60,000 bytes, sent 20,000: held what arrived, rounded up to a power
		// of two.
		assertThat(in.charged()).isEqualTo(32 * 1024 - 128);
	}

	@Test
	void aLengthHeaderFrameGrowsAsItArrives() throws IOException {
		byte[] sent = new byte[4 + 1000];
		sent[2] = (byte) 0xEA;
		sent[3] = (byte) 0x60;
		CountingStream in = new CountingStream(sent);
		assertThatExceptionOfType(SoftEndOfStreamException.class)
			.isThrownBy(() -> Framing.LENGTH_HEADER_4.codec(MAX).deserializer().deserialize(in));
		assertThat(in.charged()).isEqualTo(1024 - 128);
	}

	@Test
	void aRefusedGrowthEndsTheFrame() {
		CountingStream in = new CountingStream(("x".repeat(1000) + "\n").getBytes(StandardCharsets.US_ASCII));
		in.refuseAbove(256);
		assertThatIOException().isThrownBy(() -> Framing.LF.codec(MAX).deserializer().deserialize(in))
			.withMessage("out of budget");
		assertThat(in.charged()).isEqualTo(128);
	}

	/** A stream that records what its frames charge, as a connection's input does. */
	private static final class CountingStream extends ByteArrayInputStream implements FrameMemory {

		private final List<Integer> charges = new ArrayList<>();

		private long refuseAbove = Long.MAX_VALUE;

		CountingStream(byte[] bytes) {
			super(bytes);
		}

		void refuseAbove(long bytes) {
			this.refuseAbove = bytes;
		}

		@Override
		public void holding(int moreBytes) throws IOException {
			if (charged() + moreBytes > this.refuseAbove) {
				throw new IOException("out of budget");
			}
			this.charges.add(moreBytes);
		}

		List<Integer> charges() {
			return this.charges;
		}

		long charged() {
			return this.charges.stream().mapToLong(Integer::longValue).sum();
		}

	}

}
