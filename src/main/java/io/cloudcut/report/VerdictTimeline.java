package io.cloudcut.report;

import java.util.List;

/**
 * How one model's rung changed through the outage, measured round by round: spans of equal rungs,
 * in scenario seconds since {@code originSeconds} (the start of the first outage phase, scenario
 * seconds since the run's origin). A span starts at the first probe round that showed its rung, so
 * a change is placed within {@code resolutionSeconds}: the longest stretch of scenario time between
 * two consecutive probe rounds of the outage (or from the last round to the outage's end). The
 * first span starts at the first round, after the first phase's settle time: before it nothing was
 * probed.
 */
public record VerdictTimeline(double originSeconds, double resolutionSeconds, List<Span> spans) {

    public VerdictTimeline {
        spans = List.copyOf(spans);
    }

    public record Span(ModelVerdict verdict, double fromSeconds, double untilSeconds) {
    }

    /** {@code FAIL_CLOSED from +1:30 to +9:30, LOCAL_FUNCTION_KEPT from +9:30 to +17:00}. */
    public String describe() {
        if (spans.isEmpty()) {
            return "-";
        }
        return String.join(", ", spans.stream().map(span -> span.verdict() + " from " + offset(span.fromSeconds())
                + " to " + offset(span.untilSeconds())).toList());
    }

    /** Scenario seconds since the outage began as {@code +h:mm}, to the nearest minute. */
    static String offset(double seconds) {
        long minutes = Math.round(seconds / 60);
        return String.format("+%d:%02d", minutes / 60, minutes % 60);
    }
}
