package io.cloudcut.observation;

/**
 * A fault was applied or reverted, on links, on the broker or on a cloud service, on how many targets.
 * {@code onBroker}: the broker was stopped or restarted, which cuts every device's connection as a link
 * fault cuts those behind it.
 */
public record FaultObserved(long atMillis, String fault, boolean onLinks, boolean applied, int targets, boolean onBroker)
        implements Observation {

    /** Whether devices lose their connections to it and reconnect after it: a fault on their links or on the broker. */
    public boolean onConnections() {
        return onLinks || onBroker;
    }
}
