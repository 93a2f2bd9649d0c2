package dev.tcpgateway.accept;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AcceptFailuresTests {

	private final AcceptFailures failures = new AcceptFailures("test");

	private final IOException tooManyFiles = new IOException("Too many open files");

	@Test
	void flappingWhileDescriptorsAreShortIsOneBurstLoggedOnce(CapturedOutput output) throws Exception {
		this.failures.failed(this.tooManyFiles);
		this.failures.succeeded();
		assertThat(this.failures.current()).as("accepting again, health says so").isNull();
		this.failures.failed(this.tooManyFiles);
		this.failures.succeeded();
		this.failures.failed(this.tooManyFiles);
		assertThat(this.failures.current()).isEqualTo("Too many open files");
		assertThat(output.toString().lines().filter((line) -> line.contains("cannot accept connections"))).hasSize(1);
		assertThat(output).doesNotContain("accepting connections again");
		Thread.sleep(Duration.ofMillis(1100));
		this.failures.succeeded();
		assertThat(output).contains("test: accepting connections again after 3 failed attempts");
		assertThat(this.failures.last()).startsWith("Too many open files at ");
	}

	@Test
	void aNewBurstAfterRecoveryIsLoggedAgain(CapturedOutput output) throws Exception {
		this.failures.failed(this.tooManyFiles);
		Thread.sleep(Duration.ofMillis(1100));
		this.failures.succeeded();
		this.failures.failed(this.tooManyFiles);
		assertThat(output.toString().lines().filter((line) -> line.contains("cannot accept connections"))).hasSize(2);
	}

	@Test
	void backOffGrowsAndIsCapped() {
		long first = this.failures.failed(this.tooManyFiles);
		long second = this.failures.failed(this.tooManyFiles);
		assertThat(second).isGreaterThan(first);
		for (int i = 0; i < 20; i++) {
			this.failures.failed(this.tooManyFiles);
		}
		assertThat(this.failures.failed(this.tooManyFiles)).isEqualTo(500);
	}

}
