package io.cloudcut.observation;

/** A fault was applied or reverted, on links or on a cloud service, on how many targets. */
public record FaultObserved(long atMillis, String fault, boolean onLinks, boolean applied, int targets)
        implements Observation {
}
