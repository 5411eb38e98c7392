package io.cloudcut.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One phase of a scenario timeline (scenario time). Its faults are active from its start to its end.
 * Probes start once {@code settle} has passed, so that an outage is judged in its steady state
 * rather than in the first seconds before anything has noticed it.
 */
public record Phase(String name, PhaseKind kind, Duration duration, Duration settle, List<FaultSpec> faults) {

    public Phase {
        Checks.present(name, "name");
        Checks.present(kind, "kind");
        Checks.present(duration, "duration");
        Checks.check(!duration.isZero() && !duration.isNegative(), "duration must be positive");
        settle = Checks.orDefault(settle, Duration.ZERO);
        Checks.check(settle.compareTo(duration) < 0, "settle (" + Durations.format(settle)
                + ") must be shorter than the phase (" + Durations.format(duration) + ")");
        faults = List.copyOf(Checks.orDefault(faults, List.of()));
        Checks.check(kind == PhaseKind.OUTAGE || faults.isEmpty(), "only an outage phase applies faults");
    }
}
