package io.cloudcut.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudcut.scenario.WireNames;

import java.util.List;
import java.util.Locale;

/**
 * The harness's own figures over a stretch of the run ({@code window}), with the run's time scale between transitions: how late its
 * event loops ran timers (lag), how late probes started against their plan, the process's CPU, and
 * how many probes failed. {@code healthy} says whether the instrument could measure: a fault-free
 * baseline on loopback should fail nothing; {@code problems} name each figure past its bound and
 * what to change.
 */
public record HealthObserved(long atMillis, Window window, double timeScale, long lagP50Millis, long lagP99Millis,
                             long probeDelayP50Millis, long probeDelayP99Millis, double cpuPercent, long probes,
                             long probesFailed, boolean healthy, List<String> problems) implements Observation {

    /** The stretch a health check judges; written in lower case in observations and reports. */
    public enum Window {
        /** The fault-free baseline, where the devices should fail nothing. */
        @JsonProperty("baseline") BASELINE,
        /** The whole run, from the clock's start. */
        @JsonProperty("run") RUN
    }

    /** How a problem names an event loop's stall long enough to cost a device its connection (see {@link #stalledPastAConnectionsMargin}). */
    public static final String STALLED_PAST_A_CONNECTION = "stalled longer than a device's connection allows:";

    /**
     * How a problem names a baseline whose own latency spread hides what the scenario's least slow service adds (see
     * {@link #hidesASlowdown}).
     */
    public static final String HIDES_A_SLOWDOWN = "the baseline hides a cloud function's slowdown";

    /** How a problem names devices that lost their connections with nothing faulted on them (see {@link #lostConnectionsToTheHarness}). */
    public static final String LOST_WITH_NOTHING_FAULTED = "lost a connection with nothing faulted on it";

    public HealthObserved {
        problems = List.copyOf(problems);
    }

    /**
     * Whether an event loop stalled long enough for a broker to drop a device that did nothing wrong: what
     * the devices' connections did over the window may be the harness's, and a run is worth measuring again.
     */
    public boolean stalledPastAConnectionsMargin() {
        return problems.stream().anyMatch(problem -> problem.contains(STALLED_PAST_A_CONNECTION));
    }

    /**
     * Whether devices lost their connections to the harness over the window: to a stall past a connection's margin, or
     * with nothing faulted on them. What the devices' connections did may be the harness's, and a run is worth
     * measuring again.
     */
    public boolean lostConnectionsToTheHarness() {
        return stalledPastAConnectionsMargin()
                || problems.stream().anyMatch(problem -> problem.contains(LOST_WITH_NOTHING_FAULTED));
    }

    /** Whether the baseline's latency, under the harness's load, hid a slowdown the scenario means to tell apart. */
    public boolean hidesASlowdown() {
        return problems.stream().anyMatch(problem -> problem.startsWith(HIDES_A_SLOWDOWN));
    }

    public double failureRate() {
        return probes == 0 ? 0 : (double) probesFailed / probes;
    }

    /** One line for people: {@code harness over the baseline: 0 of 4800 probes failed, ... -> healthy}. */
    public String summary() {
        return "harness over the " + WireNames.of(window) + ": " + figures() + " -> " + (healthy ? "healthy" : "NOT HEALTHY");
    }

    /** Its figures for people: {@code 0 of 4800 probes failed, event-loop lag p99 17 ms, probe delay p99 50 ms, CPU 93%}. */
    public String figures() {
        return String.format(Locale.ROOT, "%sevent-loop lag p99 %d ms, probe delay p99 %d ms, CPU %.0f%%",
                probes == 0 ? "" : probesFailed + " of " + probes + " probes failed, ", lagP99Millis, probeDelayP99Millis, cpuPercent);
    }
}
