package dev.tcpgateway.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A cap on the bytes the server holds from clients while their requests arrive (partial
 * frames, HTTP heads and bodies), over every connection of every listener together, like
 * Redis's {@code maxmemory-clients}. A connection reports its buffers' growth before it
 * allocates; when that takes the total over the cap, the connections holding the most are
 * asked to end, their bytes counted as freed at once so that one overrun never evicts
 * more than it needs. Nothing throws and nobody else is affected: the rest keep being
 * served, and new connections are still accepted.
 * <p>
 * Only growth past a frame buffer's small initial size is charged, so ordinary requests
 * never touch the shared counter.
 */
public final class ClientMemoryBudget {

	private final long max;

	private final AtomicLong held = new AtomicLong();

	/** The accounts holding anything now: the only candidates for eviction. */
	private final Set<Account> holding = ConcurrentHashMap.newKeySet();

	/**
	 * One eviction at a time, so that two overruns do not both evict for the same bytes.
	 */
	private final ReentrantLock evicting = new ReentrantLock();

	public ClientMemoryBudget(long max) {
		this.max = max;
	}

	/**
	 * An account for one connection.
	 * @param evict asked (on whichever thread went over the budget) to end the
	 * connection; its bytes are already counted as freed
	 */
	public Account account(Runnable evict) {
		return new Account(evict);
	}

	/** Bytes held from clients now. */
	public long held() {
		return this.held.get();
	}

	/** The budget. */
	public long max() {
		return this.max;
	}

	private void evictLargest() {
		this.evicting.lock();
		try {
			while (this.held.get() > this.max) {
				Account largest = largest();
				if (largest == null) {
					return;
				}
				largest.evict();
			}
		}
		finally {
			this.evicting.unlock();
		}
	}

	/**
	 * A scan rather than a sort: an overrun usually needs one or two evictions, and under
	 * an attack there is one per large frame, so sorting thousands of accounts each time
	 * cost more than the rest of the reading.
	 */
	private @Nullable Account largest() {
		Account largest = null;
		long most = 0;
		for (Account account : this.holding) {
			long bytes = account.bytes;
			if (bytes > most) {
				most = bytes;
				largest = account;
			}
		}
		return largest;
	}

	/**
	 * What one connection holds. Its owner's thread charges and releases; an eviction
	 * (another thread) or a close may empty it at any time, so each change is made under
	 * the account's lock and moves the total by exactly what the account gave up.
	 */
	public final class Account {

		private final Runnable evict;

		private volatile long bytes;

		private boolean ended;

		private volatile boolean evicted;

		private Account(Runnable evict) {
			this.evict = evict;
		}

		/**
		 * Charges bytes about to be allocated; the caller must not allocate them when
		 * this returns false (this connection was asked to end, to free memory, or is
		 * closed).
		 */
		public boolean hold(long more) {
			synchronized (this) {
				if (this.ended) {
					return false;
				}
				if (this.bytes == 0) {
					ClientMemoryBudget.this.holding.add(this);
				}
				this.bytes += more;
			}
			if (ClientMemoryBudget.this.held.addAndGet(more) > ClientMemoryBudget.this.max) {
				evictLargest();
			}
			return !this.evicted;
		}

		/** The frame is complete: what its buffers held is free again. */
		public void releaseAll() {
			if (this.bytes != 0) {
				synchronized (this) {
					give(false);
				}
			}
		}

		/** The connection closed: releases everything and charges nothing from now on. */
		public void close() {
			synchronized (this) {
				give(true);
			}
		}

		/** Whether the budget asked this connection to end. */
		public boolean evicted() {
			return this.evicted;
		}

		private void evict() {
			synchronized (this) {
				if (this.ended) {
					return;
				}
				this.evicted = true;
				give(true);
			}
			this.evict.run();
		}

		/** Under the account's lock. */
		private void give(boolean end) {
			long given = this.bytes;
			this.bytes = 0;
			this.ended |= end;
			if (given != 0) {
				ClientMemoryBudget.this.holding.remove(this);
				ClientMemoryBudget.this.held.addAndGet(-given);
			}
		}

	}

}
