package io.cloudcut.expectation;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.scenario.Durations;

import java.time.Duration;

/** The words expectations and their figures share, so that every result reads alike. */
final class Wording {

    private Wording() {
    }

    /** {@code chime of doorbell-local-chime during outage}; without a phase, over the whole outage. */
    static String function(String model, String function, String phase) {
        return function + " of " + model + during(phase);
    }

    /** {@code during outage}, or {@code over the outage} (the worst of its phases) without a phase. */
    static String during(String phase) {
        return phase == null ? " over the outage" : " during " + phase;
    }

    /**
     * A rung of an ordered verdict (declared best first) against the worst one allowed:
     * {@code chime of doorbell-local-chime during outage: DEGRADED (needed at least KEPT)}; {@code none}
     * says why there is no rung.
     */
    static <E extends Enum<E>> ExpectationResult atLeast(String subject, E rung, E needed, String none) {
        boolean met = rung != null && rung.compareTo(needed) <= 0;
        return new ExpectationResult(subject + ": at least " + needed, met,
                subject + ": " + (rung == null ? none : rung.name()) + " (needed at least " + needed + ")");
    }

    /** Scenario seconds, to the second: {@code 7m12s}. */
    static String duration(double seconds) {
        return Durations.format(Duration.ofSeconds(Math.round(seconds)));
    }
}
