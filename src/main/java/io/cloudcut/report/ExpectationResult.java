package io.cloudcut.report;

/**
 * One of the scenario's expectations checked against its run: the expectation in words
 * ({@code chime of doorbell-local-chime during outage: at least KEPT}), whether the run met it, and
 * the figure that decided it, readable on its own
 * ({@code chime of doorbell-local-chime during outage: DEGRADED (needed at least KEPT)}).
 */
public record ExpectationResult(String expectation, boolean met, String figure) {
}
