package io.cloudcut.harness;

import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;

/**
 * How long a probe waits for its answer before the answer counts as lost: {@code timeout} of real time (network round
 * trips run in real time), and, for a phase's probe through the cloud, until {@code lostAfter} of scenario time has
 * passed too (the cloud holds messages on the scenario clock; {@link ProbeWait}). An answer held by the cloud for
 * longer than {@code lostAfter} is lost too, however soon it came in real time.
 *
 * @param lostAfter zero when only real time counts: before the clock starts (a warm-up's probes, an external
 *                  device's readiness), and for a recovery's probes, which ask whether a device is back now
 */
record ProbePatience(Duration timeout, Duration lostAfter) {

    static ProbePatience realTime(Duration timeout) {
        return new ProbePatience(timeout, Duration.ZERO);
    }

    /** A phase's probe of {@code scenario}. */
    static ProbePatience of(Scenario scenario) {
        return new ProbePatience(scenario.probe().timeout(), scenario.lostAfter());
    }

    boolean onTheScenarioClock() {
        return !lostAfter.isZero();
    }

    /** Whether an answer the cloud held for {@code heldMillis} of scenario time came too late to count. */
    boolean heldPast(long heldMillis) {
        return onTheScenarioClock() && heldMillis > lostAfter.toMillis();
    }

    /** How a failure message says the wait: {@code 1000 ms}, or {@code 1000 ms and 1h of scenario time}. */
    @Override
    public String toString() {
        return timeout.toMillis() + " ms" + (onTheScenarioClock() ? " and " + Durations.format(lostAfter) + " of scenario time" : "");
    }
}
