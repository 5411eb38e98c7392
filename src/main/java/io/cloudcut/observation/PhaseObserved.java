package io.cloudcut.observation;

/** A phase of the timeline started or ended. */
public record PhaseObserved(long atMillis, String phase, String kind, boolean started) implements Observation {
}
