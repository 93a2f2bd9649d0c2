package dev.tcpgateway.timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper expires watched items past their deadline, and only those; it asks an item
 * only once a deadline the item reported has come, and loses none reported while it
 * checks.
 */
class TimeoutSweeperTests {

	private static final long HOUR = Duration.ofHours(1).toNanos();

	private final TimeoutSweeper sweeper = new TimeoutSweeper(Duration.ofMillis(10));

	@AfterEach
	void close() {
		this.sweeper.close();
	}

	@Test
	void expiresOnlyWatchedItemsPastTheirDeadline() {
		long now = System.nanoTime();
		CountingDeadline late = watched(new CountingDeadline(now - 1));
		CountingDeadline unwatched = new CountingDeadline(now - 1);
		this.sweeper.watch(unwatched).close();
		CountingDeadline notDue = watched(new CountingDeadline(now + HOUR));
		CountingDeadline idle = watched(new CountingDeadline(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> late.expired.get() > 0);
		assertThat(unwatched.expired).hasValue(0);
		assertThat(notDue.expired).hasValue(0);
		assertThat(idle.expired).hasValue(0);
	}

	@Test
	void expiresEveryLateItemAmongMany() {
		List<CountingDeadline> items = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			items.add(watched(new CountingDeadline((i % 2 == 0) ? System.nanoTime() - 1 : 0)));
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> items.stream()
				.filter((item) -> item.deadline != 0)
				.allMatch((item) -> item.expired.get() > 0));
		assertThat(items.stream().filter((item) -> item.deadline == 0)).allMatch((item) -> item.expired.get() == 0);
	}

	@Test
	void asksAnItemOnlyOnceAReportedDeadlineHasCome() {
		CountingDeadline unreported = new CountingDeadline(System.nanoTime() - 1);
		TimeoutSweeper.Watch watch = this.sweeper.watch(unreported);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> unreported.asked.get() == 0);
		assertThat(unreported.expired).hasValue(0);
		watch.due(unreported.deadline);
		await().atMost(Duration.ofSeconds(5)).until(() -> unreported.expired.get() > 0);
	}

	@Test
	void anEarlyReportMeansACheckThenTheItemsOwnDeadline() {
		long start = System.nanoTime();
		long deadline = start + Duration.ofMillis(300).toNanos();
		CountingDeadline item = new CountingDeadline(deadline);
		this.sweeper.watch(item).due(start);
		await().atMost(Duration.ofSeconds(5)).until(() -> item.asked.get() > 0);
		assertThat(item.expired).as("asked early, but not due").hasValue(0);
		await().atMost(Duration.ofSeconds(5)).until(() -> item.expired.get() > 0);
		assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
	}

	@Test
	void aReleasedSlotServesTheNextItem() {
		CountingDeadline first = new CountingDeadline(System.nanoTime() + HOUR);
		TimeoutSweeper.Watch watch = this.sweeper.watch(first);
		watch.due(first.deadline);
		watch.close();
		watch.due(System.nanoTime() - 1);
		CountingDeadline next = watched(new CountingDeadline(System.nanoTime() - 1));
		await().atMost(Duration.ofSeconds(5)).until(() -> next.expired.get() > 0);
		assertThat(first.expired).hasValue(0);
	}

	/**
	 * Items start new deadlines while the sweeper checks them (as connections do); each
	 * one must still expire.
	 */
	@Test
	void losesNoDeadlineStartedWhileTheSweeperChecks() throws Exception {
		try (ExecutorService items = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				runs.add(items.submit(() -> {
					CountingDeadline item = new CountingDeadline(0);
					TimeoutSweeper.Watch watch = this.sweeper.watch(item);
					for (int round = 1; round <= 10; round++) {
						long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(round % 3);
						item.deadline = deadline;
						watch.due(deadline);
						int expected = round;
						await().atMost(Duration.ofSeconds(5)).until(() -> item.expired.get() >= expected);
						item.deadline = 0;
					}
					watch.close();
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private CountingDeadline watched(CountingDeadline item) {
		this.sweeper.watch(item).due(item.deadline);
		return item;
	}

}
