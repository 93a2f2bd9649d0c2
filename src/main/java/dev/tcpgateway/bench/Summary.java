package dev.tcpgateway.bench;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.HdrHistogram.Histogram;

/** The final numbers of a load run, printed and optionally appended to a CSV file. */
record Summary(LoadOptions options, Histogram latency, long elapsedNanos, long requests, long errors,
		long connectErrors, long bytesIn, long bytesOut) {

	private static final String CSV_HEADER = "timestamp,host,port,framing,connections,pipeline,requests,seconds,"
			+ "requests_per_second,p50_us,p90_us,p99_us,p999_us,max_us,errors,bytes_in,bytes_out";

	long requestsPerSecond() {
		return IntervalReport.perSecond(this.requests, this.elapsedNanos);
	}

	void print(PrintStream out) {
		out.printf("requests  %,d in %.1f s = %,d req/s%n", this.requests, this.elapsedNanos / 1e9,
				requestsPerSecond());
		out.printf("latency   p50 %s   p90 %s   p99 %s   p99.9 %s   max %s%n", percentile(50), percentile(90),
				percentile(99), percentile(99.9), millis(this.latency.getMaxValue()));
		out.printf("errors    %,d (of which failed connects %,d)%n", this.errors, this.connectErrors);
		out.printf("bytes     out %,d   in %,d%n", this.bytesOut, this.bytesIn);
	}

	void appendCsv(String file) {
		Path path = Path.of(file);
		boolean fresh = !Files.exists(path);
		try (FileWriter writer = new FileWriter(file, true)) {
			if (fresh) {
				writer.write(CSV_HEADER + "\n");
			}
			writer.write(String.join(",", Instant.now().toString(), this.options.host(),
					String.valueOf(this.options.port()), this.options.framing().configName(),
					String.valueOf(this.options.connections()), String.valueOf(this.options.pipeline()),
					String.valueOf(this.requests), String.format("%.3f", this.elapsedNanos / 1e9),
					String.valueOf(requestsPerSecond()), micros(50), micros(90), micros(99), micros(99.9),
					String.valueOf(this.latency.getMaxValue() / 1000), String.valueOf(this.errors),
					String.valueOf(this.bytesIn), String.valueOf(this.bytesOut)) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String percentile(double percentile) {
		return millis(this.latency.getValueAtPercentile(percentile));
	}

	private String micros(double percentile) {
		return String.valueOf(this.latency.getValueAtPercentile(percentile) / 1000);
	}

	static String millis(long nanos) {
		return String.format("%.2f ms", nanos / 1e6);
	}

}
