package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;

/**
 * A firmware that stalls its event loop once, for 600 ms, at its first press after 45 min of scenario
 * time (in the outage of the scenario that uses it), as a long garbage collection or a starved CPU stalls
 * a process: 36 min of scenario time at 3600x, if the clock ran on through it.
 */
public final class StallingFirmware extends SpinningFirmware {

    static final Duration STALL = Duration.ofMillis(600);
    static final Duration STALLS_AFTER = Duration.ofMinutes(45);

    private boolean stalled;

    @Override
    Duration spinFor(ScenarioClock clock) {
        if (stalled || clock.now().compareTo(STALLS_AFTER) <= 0) {
            return Duration.ZERO;
        }
        stalled = true;
        return STALL;
    }
}
