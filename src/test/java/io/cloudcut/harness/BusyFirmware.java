package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;

/**
 * A firmware that keeps its event loop busy for 150 ms on every press once the scenario clock has
 * started, as a fleet far too large for the machine keeps the harness's loops busy: every timer and
 * probe behind it runs late. The warm-up's presses, before the clock starts, are quick: a harness
 * busy from its first probe would warm up for its whole limit first, and the test is about the run.
 */
public final class BusyFirmware extends SpinningFirmware {

    @Override
    Duration spinFor(ScenarioClock clock) {
        return clock.started() ? Duration.ofMillis(150) : Duration.ZERO;
    }
}
