package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;

import java.util.List;

/**
 * How fast the scenario clock ran at each moment of a run, from its recorded changes: a delay of
 * the harness in real time is that delay times the scale in scenario time, which is how precisely
 * a moment measured then is known.
 */
final class ClockPace {

    /** A timer's grain on top of the harness's measured lag. */
    private static final long TIMER_GRAIN_MILLIS = 1;

    private final List<ClockObserved> changes;
    private final long lagMillis;

    /** {@code changes} in order; {@code lagMillis}: the harness's own delay (event-loop lag, p99). */
    ClockPace(List<ClockObserved> changes, long lagMillis) {
        this.changes = changes;
        this.lagMillis = lagMillis;
    }

    double scaleAt(long atMillis) {
        double scale = changes.isEmpty() ? 1 : changes.get(0).scale();
        for (ClockObserved change : changes) {
            if (change.why() == ClockObserved.Why.ATTEMPTS) {
                continue; // no change of scale, and a worker's comes in its batch, out of order
            }
            if (change.atMillis() > atMillis) {
                break;
            }
            scale = change.scale();
        }
        return scale;
    }

    /** How precisely, in scenario seconds, a moment at {@code atMillis} is known when observing it takes {@code realMillis}. */
    double resolutionSeconds(long atMillis, long realMillis) {
        return scaleAt(atMillis) * (realMillis + lagMillis + TIMER_GRAIN_MILLIS) / 1000.0;
    }
}
