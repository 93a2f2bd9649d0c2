package dev.tcpgateway.proxy;

import java.io.EOFException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tcpgateway.support.AllocationBound;
import dev.tcpgateway.support.SocketLikeInputStream;
import dev.tcpgateway.support.ThreadAllocation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the PROXY protocol v1/v2 reader. Each input is read
 * in every mode a listener can require; each read must:
 * <ul>
 * <li>return an address or null (the connection's own address stands), or throw what the
 * reader documents: {@link ProxyProtocolException} for a header that breaks the
 * specification, {@link EOFException} only where the input ends;</li>
 * <li>never read past the longest header (107 bytes for v1, 16 + 2048 for v2) and, on
 * success, stop exactly at the header's end (the first request stays in the stream), so
 * that the header alone reads back the same;</li>
 * <li>answer {@code ANY} as the version the first byte names;</li>
 * <li>allocate at most a small multiple of the longest header.</li>
 * </ul>
 * A plain build replays the corpus in
 * {@code src/test/resources/dev/tcpgateway/proxy/ProxyHeaderFuzzTestsInputs/}
 * ({@code JAZZER_FUZZ=1} grows it; README, "Fuzzing").
 */
class ProxyHeaderFuzzTests {

	private static final int V2_MAX_LENGTH = ProxyHeaderReader.V2_SIGNATURE.length + 4 + ProxyHeaderReader.V2_MAX_BODY;

	/**
	 * The header copied a few times (line, strings, address bytes) plus what does not
	 * grow with it: exceptions with their stack traces, address patterns.
	 */
	private static final long ALLOCATION_BOUND = new AllocationBound(4, 16 * 1024).bytes(V2_MAX_LENGTH);

	@FuzzTest
	// Printable entries only: Jazzer writes them to a libFuzzer dictionary unescaped. The
	// seeds carry the v2 signature and the CRLF.
	@DictionaryEntries({ "PROXY ", "TCP4 ", "TCP6 ", "UNKNOWN", "127.0.0.1", "::ffff:", " 65535" })
	void readsOrRefuses(byte[] input) {
		Read any = read(input, ProxyProtocol.ANY);
		for (ProxyProtocol mode : List.of(ProxyProtocol.V1, ProxyProtocol.V2)) {
			Read read = read(input, mode);
			if (namesVersion(input, mode)) {
				assertThat(read).as("ANY reads a header as the version its first byte names").isEqualTo(any);
			}
		}
	}

	private static Read read(byte[] input, ProxyProtocol mode) {
		SocketLikeInputStream[] in = new SocketLikeInputStream[1];
		ThreadAllocation.Outcome<InetSocketAddress> outcome = ThreadAllocation.measureWarm(ALLOCATION_BOUND,
				() -> ProxyHeaderReader.read(in[0] = new SocketLikeInputStream(input, 0), mode));
		assertThat(outcome.allocatedBytes()).as("%s: bytes allocated", mode).isLessThanOrEqualTo(ALLOCATION_BOUND);
		int taken = in[0].position();
		assertThat(taken).as("%s: bytes read", mode)
			.isLessThanOrEqualTo(
					(input.length > 0 && input[0] == 'P') ? ProxyHeaderReader.V1_MAX_LENGTH : V2_MAX_LENGTH);
		Throwable thrown = outcome.thrown();
		if (thrown == null) {
			assertHeaderEndsWhereReadingStopped(input, taken, mode, outcome.value());
			return new Read(outcome.value(), null, taken);
		}
		if (thrown instanceof EOFException && !(thrown instanceof ProxyProtocolException)) {
			assertThat(in[0].exhausted()).as("%s: end of stream before the input ends", mode).isTrue();
		}
		else if (!(thrown instanceof ProxyProtocolException)) {
			throw new AssertionError(mode + ": undocumented exception", thrown);
		}
		return new Read(null, thrown.getClass(), taken);
	}

	private static void assertHeaderEndsWhereReadingStopped(byte[] input, int taken, ProxyProtocol mode,
			InetSocketAddress address) {
		if (input[0] == 'P') {
			assertThat(new String(input, taken - 2, 2)).as("%s: v1 header end", mode).isEqualTo("\r\n");
		}
		else {
			int length = ((input[14] & 0xFF) << 8) | (input[15] & 0xFF);
			assertThat(taken).as("%s: v2 header length", mode).isEqualTo(16 + length);
		}
		byte[] header = Arrays.copyOf(input, taken);
		SocketLikeInputStream alone = new SocketLikeInputStream(header, 0);
		try {
			assertThat(ProxyHeaderReader.read(alone, mode)).as("%s: the header alone", mode).isEqualTo(address);
		}
		catch (Exception ex) {
			throw new AssertionError(mode + ": the header alone fails to read", ex);
		}
		assertThat(alone.exhausted()).isTrue();
	}

	private static boolean namesVersion(byte[] input, ProxyProtocol mode) {
		return input.length > 0 && ((mode == ProxyProtocol.V1) == (input[0] == 'P'));
	}

	/** What one read came to: the address, or the kind of exception; and bytes taken. */
	private record Read(InetSocketAddress address, Class<?> thrown, int taken) {

	}

}
