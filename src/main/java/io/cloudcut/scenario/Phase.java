package io.cloudcut.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One phase of a scenario timeline (scenario time). Its faults are active from its start to its end.
 * Its verdict is judged once {@code settle} has passed, so that an outage is judged in its steady
 * state rather than in the first minutes before anything has noticed it (probes in the settle
 * time still place changes on the timeline). {@code timeScale}, when set, replaces the run's
 * scale for this phase. A recovery phase ends as soon as every device is back (working, connected
 * again, its offline buffer delivered) or its client has given up ({@code untilAllBack}, the default): waiting longer measures nothing more, unless the
 * scenario wants to watch what happens after recovery (a grace period that lapses, say), and sets
 * it to false to play the phase to its end.
 */
public record Phase(String name, PhaseKind kind, Duration duration, Duration settle, List<FaultSpec> faults,
                    Double timeScale, Boolean untilAllBack) {

    public Phase {
        Checks.present(name, "name");
        Checks.present(kind, "kind");
        Checks.present(duration, "duration");
        if (duration.isZero() || duration.isNegative()) {
            throw new FieldProblem("/duration", "duration must be positive");
        }
        settle = Checks.orDefault(settle, Duration.ZERO);
        Checks.check(settle.compareTo(duration) < 0, "settle (" + Durations.format(settle)
                + ") must be shorter than the phase (" + Durations.format(duration) + ")");
        faults = List.copyOf(Checks.orDefault(faults, List.of()));
        Checks.check(kind == PhaseKind.OUTAGE || faults.isEmpty(), "only an outage phase applies faults");
        Checks.check(timeScale == null || (timeScale > 0 && !timeScale.isInfinite()),
                "timeScale must be a positive number of scenario seconds per real second");
        Checks.check(!Boolean.TRUE.equals(untilAllBack) || kind == PhaseKind.RECOVERY,
                "untilAllBack: only a recovery phase ends when every device is back");
        untilAllBack = Checks.orDefault(untilAllBack, kind == PhaseKind.RECOVERY);
    }

    /** The same phase for a fleet {@code factor} times the scenario's own: see {@link FaultSpec#forFleetTimes}. */
    Phase forFleetTimes(double factor) {
        return new Phase(name, kind, duration, settle, faults.stream().map(fault -> fault.forFleetTimes(factor)).toList(),
                timeScale, untilAllBack);
    }
}
