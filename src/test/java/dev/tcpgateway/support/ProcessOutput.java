package dev.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Everything a child process prints, collected as it comes, for tests to wait on. */
public final class ProcessOutput {

	private final StringBuffer text = new StringBuffer();

	private @Nullable Thread reader;

	private ProcessOutput() {
	}

	/** Starts collecting the process's standard output (merge stderr into it first). */
	public static ProcessOutput of(Process process) {
		ProcessOutput output = new ProcessOutput();
		output.reader = Thread.ofVirtual().start(() -> output.copy(process.getInputStream()));
		return output;
	}

	/**
	 * Everything the process printed, once it has ended: the process may exit before its
	 * last output has been read here.
	 */
	public String textAtEnd(Duration within) throws InterruptedException {
		Thread current = this.reader;
		if (current != null) {
			current.join(within);
		}
		return text();
	}

	public String text() {
		return this.text.toString();
	}

	private void copy(InputStream in) {
		try {
			byte[] buffer = new byte[8192];
			int count;
			while ((count = in.read(buffer)) >= 0) {
				this.text.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

}
