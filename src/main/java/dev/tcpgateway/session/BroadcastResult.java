package dev.tcpgateway.session;

/**
 * What became of a broadcast: how many connections had it queued, dropped it (their push
 * queue was full) or were closing.
 *
 * @param queued connections the push was queued for
 * @param dropped connections whose push queue was full
 * @param failed connections that were closing
 * @param refused true when the listener's framing cannot carry pushes ({@code http}), or
 * the payload does not fit its length header; nothing was queued
 */
public record BroadcastResult(int queued, int dropped, int failed, boolean refused) {
}
