package io.cloudcut.harness;

import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a probe waits for its answer before the answer counts as lost: {@code timeout} of real time (network round
 * trips run in real time), and, for a phase's probe through the cloud, on the scenario clock until {@code lostAfter}
 * has passed since it began or its phase has ended, whichever comes first ({@link ProbeWait}): the cloud's queues and a
 * device's offline buffer hold messages on the scenario clock, and a held answer must count alike at every scale.
 * <p>
 * For the same reason, an answer held ({@link io.cloudcut.cloud.Holds}) for longer than {@code lostAfter}, or until
 * after its phase ended, is lost however soon it came in real time: a doorbell's alert buffered through an outage and
 * delivered once it is over did not work during it.
 *
 * @param lostAfter zero when only real time counts: before the clock starts (a warm-up's probes, an external
 *                  device's readiness), and for a recovery's probes, which ask whether a device is back now
 * @param phaseEnd  the scenario moment the probe's phase ends; null when only real time counts
 * @param mostOnTheClock the most real time it waits on the scenario clock past its timeout
 */
record ProbePatience(Duration timeout, Duration lostAfter, Duration phaseEnd, Duration mostOnTheClock) {

    /** On the scenario clock for at most {@link ProbeWait#MOST_ON_THE_SCENARIO_CLOCK} of real time. */
    ProbePatience(Duration timeout, Duration lostAfter, Duration phaseEnd) {
        this(timeout, lostAfter, phaseEnd, ProbeWait.MOST_ON_THE_SCENARIO_CLOCK);
    }

    static ProbePatience realTime(Duration timeout) {
        return new ProbePatience(timeout, Duration.ZERO, null);
    }

    /**
     * A probe of {@code scenario}'s phase that ends at {@code phaseEnd} on the scenario clock and runs at {@code scale}
     * between transitions. On the clock it waits {@code lostAfter} at that scale, and {@link ProbeWait#MOST_ON_THE_SCENARIO_CLOCK}
     * more for the times the clock runs slower: at a slow clock (kinesis-2020 at 10x, to tell smaller slowdowns apart) its
     * hour is 6 min of real time, which a fixed limit would cut short.
     */
    static ProbePatience of(Scenario scenario, Duration phaseEnd, double scale) {
        Duration lostAfter = scenario.lostAfter();
        return new ProbePatience(scenario.probe().timeout(), lostAfter, phaseEnd,
                ProbeWait.MOST_ON_THE_SCENARIO_CLOCK.plusNanos(Math.round(lostAfter.toNanos() / scale)));
    }

    /** The most real time a probe waits, the harness's stalls that draw it out included. */
    Duration longest() {
        return timeout.plus(ProbeWait.MOST_DRAWN_OUT).plus(onTheScenarioClock() ? mostOnTheClock : Duration.ZERO);
    }

    boolean onTheScenarioClock() {
        return !lostAfter.isZero();
    }

    /** How long past its real timeout a probe begun at {@code from} waits on the scenario clock: until this moment. */
    Duration waitsUntil(Duration from) {
        Duration lost = from.plus(lostAfter);
        return phaseEnd != null && phaseEnd.compareTo(lost) < 0 ? phaseEnd : lost;
    }

    /**
     * Why an answer to a probe begun at {@code startedAtMillis}, held {@code heldMillis} on the scenario clock, came too
     * late to count; empty when it counts.
     */
    Optional<String> heldTooLong(long startedAtMillis, long heldMillis) {
        if (!onTheScenarioClock() || heldMillis <= 0) {
            return Optional.empty();
        }
        String held = "held for " + Durations.format(Duration.ofMillis(heldMillis));
        if (heldMillis > lostAfter.toMillis()) {
            return Optional.of(held + ", past " + Durations.format(lostAfter) + " of scenario time");
        }
        if (phaseEnd != null && startedAtMillis + heldMillis > phaseEnd.toMillis()) {
            return Optional.of(held + ", until after its phase ended");
        }
        return Optional.empty();
    }

    /** How a failure message says the wait: {@code 1000 ms}, or {@code 1000 ms and up to 1h of scenario time}. */
    @Override
    public String toString() {
        return timeout.toMillis() + " ms"
                + (onTheScenarioClock() ? " and up to " + Durations.format(lostAfter) + " of scenario time" : "");
    }
}
