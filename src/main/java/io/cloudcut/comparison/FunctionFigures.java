package io.cloudcut.comparison;

import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.PhaseCounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each function's verdict (KEPT, DEGRADED, LOST): over the outage, and in each phase it was judged in. A verdict that moved
 * while the probes that decided it differ by no more than chance ({@link Chance#probesDiffer}) is listed apart; so is the
 * verdict over the outage when every phase that moved did so.
 */
final class FunctionFigures {

    private FunctionFigures() {
    }

    /** @param latencyResolutionMillis the old run's resolution by path ({@code slowdownHiddenMillis}) */
    static void compare(ModelReport was, ModelReport now, Map<String, Long> latencyResolutionMillis, Tally tally) {
        for (FunctionReport before : was.functions()) {
            FunctionReport after = now.functionIfAny(before.name()).orElse(null);
            if (after == null) {
                tally.note(was.model() + ": function " + before.name() + " is only in the old run");
                continue;
            }
            Tally.Subject function = Tally.Subject.of(was.model()).function(before.name());
            Map<String, Boolean> beyondChance = new LinkedHashMap<>();
            boolean anyMoved = false;
            boolean anyMovedBeyondChance = false;
            for (Map.Entry<String, PhaseCounts> phase : before.phases().entrySet()) {
                PhaseCounts later = after.phases().get(phase.getKey());
                boolean beyond = later != null && Chance.probesDiffer(phase.getValue(), later, before.path(), latencyResolutionMillis);
                beyondChance.put(phase.getKey(), beyond);
                // The verdict over the outage is its outage phases' worst: the model's rungs name those phases.
                boolean moved = later != null && phase.getValue().verdict() != later.verdict() && was.phases().containsKey(phase.getKey());
                anyMoved |= moved;
                anyMovedBeyondChance |= moved && beyond;
            }
            tally.rung(function, "function verdict (worst outage phase)", before.verdict(), after.verdict(),
                    anyMovedBeyondChance || !anyMoved);
            before.phases().forEach((phase, counts) -> {
                PhaseCounts later = after.phases().get(phase);
                tally.rung(function.during(phase), "function verdict", counts.verdict(), later == null ? null : later.verdict(),
                        beyondChance.get(phase));
            });
        }
    }

    /** Whether some function of the model differs beyond chance in {@code phase} ({@link Chance#probesDiffer}). */
    static boolean anyDiffersIn(String phase, ModelReport was, ModelReport now, Map<String, Long> latencyResolutionMillis) {
        for (FunctionReport before : was.functions()) {
            PhaseCounts counts = before.phases().get(phase);
            PhaseCounts later = now.functionIfAny(before.name()).map(after -> after.phases().get(phase)).orElse(null);
            if (counts == null || later == null || Chance.probesDiffer(counts, later, before.path(), latencyResolutionMillis)) {
                return true;
            }
        }
        return false;
    }
}
