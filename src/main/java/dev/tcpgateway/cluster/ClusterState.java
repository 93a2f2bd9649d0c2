package dev.tcpgateway.cluster;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Whether Redis answered the last time this instance asked, and if not why: what the
 * {@code cluster} health component shows.
 */
final class ClusterState {

	private volatile @Nullable String failure = "not connected yet";

	private volatile Instant since = Instant.now();

	void reachable() {
		if (this.failure != null) {
			this.failure = null;
			this.since = Instant.now();
		}
	}

	void unreachable(String reason) {
		if (this.failure == null) {
			this.since = Instant.now();
		}
		this.failure = reason;
	}

	/** Why Redis is unreachable; null while it answers. */
	@Nullable String failure() {
		return this.failure;
	}

	/** When it last changed between reachable and not. */
	Instant since() {
		return this.since;
	}

}
