package dev.tcpgateway.connection;

import java.net.InetSocketAddress;
import java.time.Duration;

import dev.tcpgateway.session.TcpSession;
import dev.tcpgateway.timeout.CountingDeadline;
import dev.tcpgateway.timeout.TimeoutSweeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's slot for the handler call under way: its deadline is the call's while
 * watched, and only a call past its deadline is expired.
 */
class ConnectionContextTests {

	private final TimeoutSweeper sweeper = new TimeoutSweeper(Duration.ofHours(1));

	private final TimeoutSweeper.Watch connectionWatch = this.sweeper.watch(new CountingDeadline(0));

	private final ConnectionContext context = new ConnectionContext(new InetSocketAddress("127.0.0.1", 4242),
			TcpSession.detached("test", "id", new InetSocketAddress("127.0.0.1", 4242)), this.connectionWatch);

	@AfterEach
	void close() {
		this.sweeper.close();
	}

	@Test
	void carriesTheClientAddress() {
		assertThat(this.context.client()).isEqualTo(new InetSocketAddress("127.0.0.1", 4242));
	}

	@Test
	void expiresOnlyAWatchedCallPastItsDeadline() {
		long now = System.nanoTime();
		CountingDeadline call = new CountingDeadline(now + 1_000);
		assertThat(this.context.callDeadlineNanos()).isZero();
		this.context.expireCall(now + 2_000);
		this.context.watch(call);
		assertThat(this.context.callDeadlineNanos()).isEqualTo(now + 1_000);
		this.context.expireCall(now);
		assertThat(call.expired).hasValue(0);
		this.context.expireCall(now + 1_000);
		assertThat(call.expired).hasValue(1);
		this.context.unwatch();
		assertThat(this.context.callDeadlineNanos()).isZero();
		this.context.expireCall(now + 5_000);
		assertThat(call.expired).hasValue(1);
	}

}
