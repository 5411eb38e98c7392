package io.cloudcut.observation;

/**
 * The scenario clock's scale changed: from this moment scenario time runs {@code scale} times faster
 * than real time ({@code why}: the run's start, a transition, which brings it back to real time, the
 * ramp after one, the approach that slows it down before one, or a phase's own scale). A figure measured at a moment is known to within the
 * harness's own delays times the scale then.
 */
public record ClockObserved(long atMillis, double scale, String why) implements Observation {

    public static final String START = "start";
    public static final String TRANSITION = "transition";
    public static final String RAMP = "ramp";
    public static final String APPROACH = "approach";
    public static final String PHASE = "phase";
    public static final String CLOUD = "cloud";
}
