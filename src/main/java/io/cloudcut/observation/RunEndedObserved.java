package io.cloudcut.observation;

/**
 * The last observation of a run: it ended, {@code wallMillis} of real time after it began (the broker's
 * start included), either at the end of its timeline or {@code interrupted} (Ctrl-C, SIGTERM) where
 * it stood. A stream without it was cut short.
 */
public record RunEndedObserved(long atMillis, long wallMillis, boolean interrupted) implements Observation {

    /** A run that played its whole timeline. */
    public RunEndedObserved(long atMillis, long wallMillis) {
        this(atMillis, wallMillis, false);
    }
}
