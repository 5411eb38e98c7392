package io.cloudcut.observation;

/**
 * The last observation of a run: it ended, {@code wallMillis} of real time after it began (the broker's
 * start included). A stream without it was cut short.
 */
public record RunEndedObserved(long atMillis, long wallMillis) implements Observation {
}
