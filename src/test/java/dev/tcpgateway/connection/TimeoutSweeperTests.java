package dev.tcpgateway.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper expires watched items past their deadline, and only those.
 */
class TimeoutSweeperTests {

	private final TimeoutSweeper sweeper = new TimeoutSweeper(Duration.ofMillis(10));

	@AfterEach
	void close() {
		this.sweeper.close();
	}

	@Test
	void expiresOnlyWatchedItemsPastTheirDeadline() {
		CountingDeadline late = new CountingDeadline(System.nanoTime() - 1);
		CountingDeadline unwatched = new CountingDeadline(System.nanoTime() - 1);
		CountingDeadline notDue = new CountingDeadline(System.nanoTime() + Duration.ofHours(1).toNanos());
		CountingDeadline idle = new CountingDeadline(0);
		this.sweeper.watch(late);
		this.sweeper.watch(unwatched);
		this.sweeper.unwatch(unwatched);
		this.sweeper.watch(notDue);
		this.sweeper.watch(idle);
		await().atMost(Duration.ofSeconds(5)).until(() -> late.expired.get() > 0);
		assertThat(unwatched.expired).hasValue(0);
		assertThat(notDue.expired).hasValue(0);
		assertThat(idle.expired).hasValue(0);
	}

	@Test
	void expiresEveryLateItemAmongMany() {
		List<CountingDeadline> items = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			CountingDeadline item = new CountingDeadline((i % 2 == 0) ? System.nanoTime() - 1 : 0);
			items.add(item);
			this.sweeper.watch(item);
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> items.stream()
				.filter((item) -> item.deadline != 0)
				.allMatch((item) -> item.expired.get() > 0));
		assertThat(items.stream().filter((item) -> item.deadline == 0)).allMatch((item) -> item.expired.get() == 0);
	}

}
