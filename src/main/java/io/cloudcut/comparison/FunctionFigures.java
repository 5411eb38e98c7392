package io.cloudcut.comparison;

import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.PhaseCounts;

/** Each function's verdict (KEPT, DEGRADED, LOST): over the outage, and in each phase it was judged in. */
final class FunctionFigures {

    private FunctionFigures() {
    }

    static void compare(ModelReport was, ModelReport now, Tally tally) {
        for (FunctionReport before : was.functions()) {
            FunctionReport after = now.functions().stream().filter(f -> f.name().equals(before.name())).findFirst()
                    .orElse(null);
            if (after == null) {
                tally.note(was.model() + ": function " + before.name() + " is only in the old run");
                continue;
            }
            Tally.Subject function = Tally.Subject.of(was.model()).function(before.name());
            tally.rung(function, "function verdict (worst outage phase)", before.verdict(), after.verdict());
            before.phases().forEach((phase, counts) -> {
                PhaseCounts later = after.phases().get(phase);
                tally.rung(function.during(phase), "function verdict", counts.verdict(),
                        later == null ? null : later.verdict());
            });
        }
    }
}
