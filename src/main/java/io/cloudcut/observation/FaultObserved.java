package io.cloudcut.observation;

/** A fault was applied or reverted, on how many targets. */
public record FaultObserved(long atMillis, String fault, boolean applied, int targets) implements Observation {
}
