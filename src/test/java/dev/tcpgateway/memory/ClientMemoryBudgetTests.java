package dev.tcpgateway.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over the budget, the largest accounts go first and only as many as needed; every byte
 * charged is given back exactly once.
 */
class ClientMemoryBudgetTests {

	private final ClientMemoryBudget budget = new ClientMemoryBudget(100);

	private final List<String> evicted = new ArrayList<>();

	@Test
	void holdsAndReleasesWithinTheBudget() {
		ClientMemoryBudget.Account account = account("a");
		assertThat(account.hold(60)).isTrue();
		assertThat(account.hold(40)).isTrue();
		assertThat(this.budget.held()).isEqualTo(100);
		account.releaseAll();
		assertThat(this.budget.held()).isZero();
		assertThat(this.evicted).isEmpty();
	}

	@Test
	void evictsTheLargestFirstAndNoMoreThanNeeded() {
		ClientMemoryBudget.Account largest = account("largest");
		ClientMemoryBudget.Account middle = account("middle");
		ClientMemoryBudget.Account growing = account("growing");
		largest.hold(50);
		middle.hold(30);
		growing.hold(10);
		assertThat(growing.hold(20)).as("the grower is not the largest, so it may go on").isTrue();
		assertThat(this.evicted).containsExactly("largest");
		assertThat(this.budget.held()).isEqualTo(60);
		assertThat(largest.evicted()).isTrue();
		assertThat(middle.evicted()).isFalse();
	}

	@Test
	void theGrowerItselfGoesWhenItHoldsTheMost() {
		ClientMemoryBudget.Account small = account("small");
		ClientMemoryBudget.Account grower = account("grower");
		small.hold(10);
		grower.hold(50);
		assertThat(grower.hold(50)).isFalse();
		assertThat(this.evicted).containsExactly("grower");
		assertThat(this.budget.held()).isEqualTo(10);
	}

	@Test
	void anEvictedOrClosedAccountChargesNothingMoreAndGivesNothingBackTwice() {
		ClientMemoryBudget.Account evictedOne = account("evicted");
		evictedOne.hold(101);
		assertThat(evictedOne.hold(10)).isFalse();
		evictedOne.releaseAll();
		evictedOne.close();
		ClientMemoryBudget.Account closed = account("closed");
		closed.hold(30);
		closed.close();
		assertThat(closed.hold(30)).isFalse();
		assertThat(this.budget.held()).isZero();
	}

	@Test
	void concurrentChargesEvictionsAndClosesBalanceToZero() throws InterruptedException {
		ClientMemoryBudget shared = new ClientMemoryBudget(64 * 1024);
		AtomicInteger evictions = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 16; t++) {
			threads.add(Thread.ofVirtual().start(() -> {
				for (int connection = 0; connection < 200; connection++) {
					ClientMemoryBudget.Account account = shared.account(evictions::incrementAndGet);
					for (int frame = 0; frame < 5 && !account.evicted(); frame++) {
						int grow = ThreadLocalRandom.current().nextInt(1, 8);
						for (int i = 0, size = 128; i < grow && account.hold(size); i++, size *= 2) {
							Thread.yield();
						}
						account.releaseAll();
					}
					account.close();
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(evictions).as("the budget was overrun at times").hasPositiveValue();
		assertThat(shared.held()).isZero();
	}

	private ClientMemoryBudget.Account account(String name) {
		return this.budget.account(() -> this.evicted.add(name));
	}

}
