package io.cloudcut.mqtt;

/** How a device connection fared: connections made, attempts that failed, connections lost. */
public record ConnectionStats(int connects, int failedAttempts, int losses, boolean gaveUp) {
}
