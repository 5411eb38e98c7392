package io.cloudcut.observation;

import java.util.List;

/**
 * The harness's own figures over a stretch of the run ({@code window}: {@code baseline}, or
 * {@code run} for the whole of it), with the run's time scale between transitions: how late its
 * event loops ran timers (lag), how late probes started against their plan, the process's CPU, and
 * how many probes failed. {@code healthy} says whether the instrument could measure: a fault-free
 * baseline on loopback should fail nothing; {@code problems} name each figure past its bound and
 * what to change.
 */
public record HealthObserved(long atMillis, String window, double timeScale, long lagP50Millis, long lagP99Millis,
                             long probeDelayP50Millis, long probeDelayP99Millis, double cpuPercent, long probes,
                             long probesFailed, boolean healthy, List<String> problems) implements Observation {

    public static final String BASELINE = "baseline";
    public static final String RUN = "run";

    public HealthObserved {
        problems = List.copyOf(problems);
    }

    public double failureRate() {
        return probes == 0 ? 0 : (double) probesFailed / probes;
    }
}
