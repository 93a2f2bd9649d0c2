package dev.tcpgateway.accept;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import dev.tcpgateway.connection.ConnectionCounters;

/** Counts what reaches the socket, for {@code tcp.bytes.sent}. */
final class CountingOutputStream extends FilterOutputStream {

	private final ConnectionCounters counters;

	/** This connection's bytes, for the connections endpoint. */
	private volatile long written;

	CountingOutputStream(OutputStream out, ConnectionCounters counters) {
		super(out);
		this.counters = counters;
	}

	/** Bytes written so far (writes come one at a time, under the connection's locks). */
	long written() {
		return this.written;
	}

	@Override
	public void write(int b) throws IOException {
		this.out.write(b);
		this.counters.sent(1);
		this.written++;
	}

	/** Passed through whole: the inherited method would write byte by byte. */
	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.out.write(bytes, offset, length);
		this.counters.sent(length);
		this.written += length;
	}

}
