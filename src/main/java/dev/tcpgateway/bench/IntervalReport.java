package dev.tcpgateway.bench;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.jspecify.annotations.Nullable;

/**
 * The per-second progress line (on a terminal only) and the optional HdrHistogram log.
 */
final class IntervalReport implements AutoCloseable {

	private final PrintStream out;

	private final boolean terminal = System.console() != null;

	private final @Nullable HistogramLogWriter log;

	IntervalReport(@Nullable String hdrFile, PrintStream out) {
		this.out = out;
		try {
			this.log = (hdrFile != null) ? new HistogramLogWriter(hdrFile) : null;
		}
		catch (FileNotFoundException ex) {
			throw new UncheckedIOException(ex);
		}
		if (this.log != null) {
			this.log.outputLogFormatVersion();
			this.log.outputLegend();
		}
	}

	void interval(Histogram interval, long elapsedNanos, long errors) {
		if (this.log != null) {
			this.log.outputIntervalHistogram(interval);
		}
		if (this.terminal && interval.getTotalCount() > 0) {
			this.out.printf("%5.0fs %,10d req/s   p50 %s   p99 %s   errors %,d%n", elapsedNanos / 1e9,
					interval.getTotalCount() * 1_000_000_000L
							/ Math.max(1, interval.getEndTimeStamp() - interval.getStartTimeStamp()) / 1_000_000,
					Summary.millis(interval.getValueAtPercentile(50)),
					Summary.millis(interval.getValueAtPercentile(99)), errors);
		}
	}

	@Override
	public void close() {
		if (this.log != null) {
			this.log.close();
		}
	}

	static long perSecond(long count, long nanos) {
		return count * TimeUnit.SECONDS.toNanos(1) / Math.max(1, nanos);
	}

}
