package dev.tcpgateway.timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Enforces deadlines the JDK cannot: a blocking socket write has no timeout, and a
 * handler call has none either. One thread checks every tick and expires the late items;
 * a watched item costs a slot, not a scheduled task per operation.
 * <p>
 * Each slot holds a hint: the earliest moment its item may need attention. A tick scans
 * the hints, one flat array however many items there are, and asks an item itself only
 * once its hint has passed; after asking, it sets the hint to the item's next deadline.
 * Items lower their hint whenever they start a deadline ({@link Watch#due}), which costs
 * one read when the hint is already earlier, as it is on nearly every request. Asking
 * every item every tick instead cost 8% of the server's CPU with 10,000 open connections:
 * several cache misses per connection, twenty times a second.
 */
public final class TimeoutSweeper implements AutoCloseable {

	/** Something with a deadline that the sweeper can enforce. */
	public interface Deadline {

		/**
		 * The {@link System#nanoTime()} by which it must be done, or 0 when nothing is
		 * pending.
		 */
		long deadlineNanos();

		/** Called (on the sweeper's thread) once the deadline has passed. */
		void expire();

	}

	private static final int PAGE_SIZE = 1024;

	/** Grows a page at a time, so that a sweep never sees a slot move. */
	private volatile Page[] pages = new Page[0];

	private final Object slots = new Object();

	/** Released slots, reused before new ones (guarded by {@link #slots}). */
	private int[] freeSlots = new int[PAGE_SIZE];

	private int freeCount;

	private int slotsEverUsed;

	private final ScheduledExecutorService ticker;

	public TimeoutSweeper(Duration tick) {
		this.ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tcp-timeout-sweeper").factory());
		this.ticker.scheduleWithFixedDelay(this::sweep, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Watches an item until the returned watch is closed. The item reports each deadline
	 * it starts through {@link Watch#due}; the sweeper looks at it no later than that.
	 */
	public Watch watch(Deadline item) {
		synchronized (this.slots) {
			int slot = (this.freeCount > 0) ? this.freeSlots[--this.freeCount] : newSlot();
			Page page = this.pages[slot / PAGE_SIZE];
			page.items.set(slot % PAGE_SIZE, item);
			return new Watch(page, slot);
		}
	}

	private int newSlot() {
		int slot = this.slotsEverUsed++;
		if (slot / PAGE_SIZE == this.pages.length) {
			Page[] grown = Arrays.copyOf(this.pages, this.pages.length + 1);
			grown[grown.length - 1] = new Page();
			this.pages = grown;
		}
		return slot;
	}

	private void release(Page page, int slot) {
		synchronized (this.slots) {
			page.items.set(slot % PAGE_SIZE, null);
			page.hints.set(slot % PAGE_SIZE, 0);
			if (this.freeCount == this.freeSlots.length) {
				this.freeSlots = Arrays.copyOf(this.freeSlots, this.freeCount * 2);
			}
			this.freeSlots[this.freeCount++] = slot;
		}
	}

	private void sweep() {
		long now = System.nanoTime();
		for (Page page : this.pages) {
			page.sweep(now);
		}
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

	/** An item's slot: where it reports the deadlines it starts. */
	public final class Watch implements AutoCloseable {

		private final Page page;

		private final int slot;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Watch(Page page, int slot) {
			this.page = page;
			this.slot = slot;
		}

		/**
		 * The item has a deadline at this {@link System#nanoTime()} (0: none, ignored).
		 */
		public void due(long deadlineNanos) {
			this.page.lower(this.slot % PAGE_SIZE, deadlineNanos);
		}

		/** Stops watching the item; its slot goes to the next item watched. */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				release(this.page, this.slot);
			}
		}

	}

	private static final class Page {

		/**
		 * Per slot: when to look at its item next, as a {@link System#nanoTime()}; 0
		 * never.
		 */
		private final AtomicLongArray hints = new AtomicLongArray(PAGE_SIZE);

		private final AtomicReferenceArray<Deadline> items = new AtomicReferenceArray<>(PAGE_SIZE);

		void sweep(long now) {
			for (int index = 0; index < PAGE_SIZE; index++) {
				long hint = this.hints.get(index);
				if (hint != 0 && now - hint >= 0) {
					check(index, hint, now);
				}
			}
		}

		/**
		 * The hint is cleared before the item is asked, so a deadline the item starts
		 * meanwhile either shows in what it reports or lowers the cleared hint itself:
		 * none is lost. A slot released and reused meanwhile at worst gets one check too
		 * early.
		 */
		private void check(int index, long hint, long now) {
			if (!this.hints.compareAndSet(index, hint, 0)) {
				return;
			}
			Deadline item = this.items.get(index);
			if (item == null) {
				return;
			}
			try {
				long due = item.deadlineNanos();
				if (due != 0 && now - due >= 0) {
					item.expire();
					due = item.deadlineNanos();
				}
				lower(index, due);
			}
			catch (RuntimeException ex) {
				// One misbehaving item must not stop enforcement for all the others (an
				// exception would end the sweeper's schedule); it is asked again next
				// tick.
				lower(index, now);
			}
		}

		void lower(int index, long deadlineNanos) {
			if (deadlineNanos == 0) {
				return;
			}
			long current;
			do {
				current = this.hints.get(index);
				if (current != 0 && current - deadlineNanos <= 0) {
					return;
				}
			}
			while (!this.hints.compareAndSet(index, current, deadlineNanos));
		}

	}

}
