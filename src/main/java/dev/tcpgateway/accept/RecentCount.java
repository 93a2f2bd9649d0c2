package dev.tcpgateway.accept;

/**
 * How many times something happened in the last minute, in per-second buckets: a bucket
 * older than a minute is reset when its second comes round again. Fixed size, no
 * allocation per event.
 */
final class RecentCount {

	private static final int SECONDS = 60;

	private final long[] bucketSecond = new long[SECONDS];

	private final long[] bucketCount = new long[SECONDS];

	synchronized void record(long nowSecond) {
		int bucket = (int) Math.floorMod(nowSecond, SECONDS);
		if (this.bucketSecond[bucket] != nowSecond) {
			this.bucketSecond[bucket] = nowSecond;
			this.bucketCount[bucket] = 0;
		}
		this.bucketCount[bucket]++;
	}

	synchronized long lastMinute(long nowSecond) {
		long total = 0;
		for (int bucket = 0; bucket < SECONDS; bucket++) {
			if (nowSecond - this.bucketSecond[bucket] < SECONDS) {
				total += this.bucketCount[bucket];
			}
		}
		return total;
	}

}
