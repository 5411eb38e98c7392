package io.cloudcut.observation;

/**
 * A fault that closes a device's link to new connections let it take them again while it stays on: the up half of a
 * {@code flap}. Like a fault's removal, a moment from which the device could reconnect, but no fault changed at it.
 */
public record LinkReopenedObserved(long atMillis, String device) implements Observation {
}
