package io.cloudcut.scenario;

import java.time.Duration;

/**
 * How the harness probes. A baseline or outage phase is probed in rounds, at least {@code rounds}
 * of them and at most {@code every} apart (scenario time), so that a change (a session lapsing, a
 * lock) is placed on the timeline within one round; each round's probes are spread over the round
 * rather than fired at once. Each probe is given {@code timeout}. In recovery, each device not yet
 * back is probed on its own, with {@code recoveryTimeout} per probe and {@code recoveryInterval}
 * between its rounds, so that one device's time-outs never delay another's recovery. Timeouts and
 * the interval are real time: probes wait on real network round trips.
 * <p>
 * A phase's probe through the cloud also waits for {@code lostAfter} of scenario time, since the cloud holds
 * messages on the scenario clock (a throttled service releases them at its rate): an answer held for 20 minutes
 * comes 0.3 s after its probe at 3600x and 7.5 s after it at 160x, and it must be the same late answer at both.
 * Unset, it is what {@code timeout} spans at the scale the scenario is written for ({@link Scenario#lostAfter}).
 */
public record ProbeSettings(Integer rounds, Duration every, Duration timeout, Duration recoveryTimeout,
                            Duration recoveryInterval, Duration lostAfter) {

    public ProbeSettings {
        rounds = Checks.orDefault(rounds, 3);
        every = Checks.orDefault(every, Duration.ofMinutes(15));
        timeout = Checks.orDefault(timeout, Duration.ofSeconds(2));
        recoveryTimeout = Checks.orDefault(recoveryTimeout, Duration.ofMillis(500));
        recoveryInterval = Checks.orDefault(recoveryInterval, Duration.ofMillis(20));
        Checks.check(rounds >= 1, "rounds must be at least 1");
        Checks.check(!every.isZero() && !every.isNegative(), "every must be positive");
        Checks.check(timeout.toMillis() >= 50, "timeout must be at least 50ms");
        Checks.check(recoveryTimeout.toMillis() >= 50, "recoveryTimeout must be at least 50ms");
        Checks.check(lostAfter == null || (!lostAfter.isZero() && !lostAfter.isNegative()), "lostAfter must be positive");
    }

    static ProbeSettings defaults() {
        return new ProbeSettings(null, null, null, null, null, null);
    }

    ProbeSettings withLostAfter(Duration scenarioTime) {
        return new ProbeSettings(rounds, every, timeout, recoveryTimeout, recoveryInterval, scenarioTime);
    }

    /** The scenario time between two probe rounds of a phase that lasts {@code duration}. */
    public Duration spacing(Duration duration) {
        Duration evenly = duration.dividedBy(rounds);
        return evenly.compareTo(every) < 0 ? evenly : every;
    }
}
