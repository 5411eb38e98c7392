package io.cloudcut.observation;

/** A cloud service went down (because of {@code cause}, itself when faulted directly) or came back up. */
public record ServiceObserved(long atMillis, String service, boolean up, String cause) implements Observation {
}
