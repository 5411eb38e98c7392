package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;

/**
 * A firmware that keeps its event loop busy for 150 ms on every press while the scenario clock runs faster than
 * {@link #SCALE}, as a fleet whose client stack costs more a message than {@code auto} reckons keeps the harness's
 * loops busy only at the faster scales.
 */
public final class BusyAboveFirmware extends SpinningFirmware {

    static final double SCALE = 1_000;

    @Override
    Duration spinFor(ScenarioClock clock) {
        return clock.started() && clock.scale() > SCALE ? Duration.ofMillis(150) : Duration.ZERO;
    }
}
