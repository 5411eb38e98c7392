package io.cloudcut.harness;

import io.cloudcut.scenario.ScenarioClock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A firmware that stalls its event loop once, for {@link #STALL}, at its first press before the scenario
 * clock starts: in the harness's warm-up, as the start-up's first probes stall a loop while their code
 * is still being compiled (1.2 s at 4,500 devices).
 */
public final class WarmUpStallingFirmware extends SpinningFirmware {

    static final Duration STALL = Duration.ofMillis(1500);
    /** How many stalls every instance made: a test's evidence that there was one to leave out. */
    static final AtomicInteger STALLS = new AtomicInteger();

    private boolean stalled;

    @Override
    Duration spinFor(ScenarioClock clock) {
        if (stalled || clock.started()) {
            return Duration.ZERO;
        }
        stalled = true;
        STALLS.incrementAndGet();
        return STALL;
    }
}
