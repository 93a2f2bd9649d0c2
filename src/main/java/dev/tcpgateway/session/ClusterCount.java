package dev.tcpgateway.session;

/**
 * The deployment as this instance last counted it.
 *
 * @param instance this instance's id ({@code tcp.cluster.instance-id})
 * @param instances instances alive
 * @param named named connections over every instance
 */
public record ClusterCount(String instance, long instances, long named) {
}
