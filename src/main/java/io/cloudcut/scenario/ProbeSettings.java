package io.cloudcut.scenario;

import java.time.Duration;

/**
 * How the harness probes: {@code rounds} rounds of probes per baseline or outage phase, each probe
 * given {@code timeout}; in recovery, each device not yet back is probed on its own, with
 * {@code recoveryTimeout} per probe and {@code recoveryInterval} between its rounds, so that one
 * device's time-outs never delay another's recovery. All real time: probes wait on real network
 * round trips. A recovery time is known to within one recovery round (timeout plus interval).
 */
public record ProbeSettings(Integer rounds, Duration timeout, Duration recoveryTimeout, Duration recoveryInterval) {

    public ProbeSettings {
        rounds = Checks.orDefault(rounds, 3);
        timeout = Checks.orDefault(timeout, Duration.ofSeconds(2));
        recoveryTimeout = Checks.orDefault(recoveryTimeout, Duration.ofMillis(500));
        recoveryInterval = Checks.orDefault(recoveryInterval, Duration.ofMillis(50));
        Checks.check(rounds >= 1, "rounds must be at least 1");
        Checks.check(timeout.toMillis() >= 50, "timeout must be at least 50ms");
        Checks.check(recoveryTimeout.toMillis() >= 50, "recoveryTimeout must be at least 50ms");
    }

    static ProbeSettings defaults() {
        return new ProbeSettings(null, null, null, null);
    }
}
