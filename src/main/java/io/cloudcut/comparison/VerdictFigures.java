package io.cloudcut.comparison;

import io.cloudcut.report.ModelReport;

/** A model's rungs on the verdict ladder: its headline, and its rung in each outage phase. */
final class VerdictFigures {

    private VerdictFigures() {
    }

    static void compare(ModelReport was, ModelReport now, Tally tally) {
        Tally.Subject model = Tally.Subject.of(was.model());
        tally.rung(model, "model verdict (headline)", was.verdict(), now.verdict());
        was.phases().forEach((phase, rung) -> tally.rung(model.during(phase), "model verdict", rung,
                now.phases().get(phase)));
    }
}
