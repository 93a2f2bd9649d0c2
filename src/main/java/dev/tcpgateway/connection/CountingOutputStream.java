package dev.tcpgateway.connection;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts what reaches the socket, for {@code tcp.bytes.sent}. */
final class CountingOutputStream extends FilterOutputStream {

	private final ConnectionCounters counters;

	CountingOutputStream(OutputStream out, ConnectionCounters counters) {
		super(out);
		this.counters = counters;
	}

	@Override
	public void write(int b) throws IOException {
		this.out.write(b);
		this.counters.sent(1);
	}

	/** Passed through whole: the inherited method would write byte by byte. */
	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.out.write(bytes, offset, length);
		this.counters.sent(length);
	}

}
