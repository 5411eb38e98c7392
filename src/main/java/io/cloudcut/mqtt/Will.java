package io.cloudcut.mqtt;

/**
 * A connection's Last Will: the message the broker publishes, retained at QoS 1, when the connection
 * dies without a DISCONNECT (its keepalive expired, its socket dropped). Dashboards read a retained
 * availability topic with such a will to show a device offline, told by the broker itself.
 */
public record Will(String topic, String payload) {
}
