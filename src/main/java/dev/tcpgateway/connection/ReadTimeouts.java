package dev.tcpgateway.connection;

import java.time.Duration;

/**
 * A listener's read deadlines.
 *
 * @param idle how long a connection may send nothing between frames; zero for no limit
 * @param frame how long one frame may take to arrive once it has begun
 */
public record ReadTimeouts(Duration idle, Duration frame) {

	int idleMillis() {
		return (int) Math.min(Integer.MAX_VALUE, this.idle.toMillis());
	}

	long frameNanos() {
		return this.frame.isZero() ? Long.MAX_VALUE / 4 : this.frame.toNanos();
	}

}
