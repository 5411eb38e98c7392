package io.cloudcut.scenario;

import java.time.Duration;

/**
 * The scenario clock: scenario time runs {@code timeScale} times faster than real time from a common
 * origin ({@link System#nanoTime()} of the run's start), so that a 17-hour outage replays in seconds.
 * Firmware timers (token TTL, schedules, backoff) run on it; protocol keepalives stay real.
 * An immutable value: every verticle of a run holds the same one.
 */
public record ScenarioClock(double timeScale, long originNanos) {

    public static ScenarioClock startingNow(double timeScale) {
        return new ScenarioClock(timeScale, System.nanoTime());
    }

    /** Scenario time elapsed since the origin. */
    public Duration now() {
        return toScenario(Duration.ofNanos(System.nanoTime() - originNanos));
    }

    /**
     * The real time a scenario duration takes, rounded up so that a timer never fires before its
     * scenario moment, and at least one millisecond (the smallest timer).
     */
    public long realMillis(Duration scenario) {
        return Math.max(1, (long) Math.ceil(scenario.toNanos() / timeScale / 1_000_000));
    }

    public Duration toScenario(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() * timeScale));
    }
}
