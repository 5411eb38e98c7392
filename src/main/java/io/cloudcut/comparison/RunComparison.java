package io.cloudcut.comparison;

import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two runs of the same scenario figure by figure: each model's verdicts (headline and per
 * outage phase), each function's verdicts (over the outage and per phase), recovery, events, and
 * the expectations. A figure judged in only one run, or a model in only one, is noted, not
 * compared; so are the event counts of a model run with another number of devices, whose verdicts
 * rest on more or fewer probes (a broker restarting every 7 min: 12 probes a function of 6 devices
 * missed its restarts; 2,004 of 1,002 devices found them). A verdict or event count that moved by no more than chance
 * gives between two runs of the same code ({@link Chance}) is listed apart, neither worse nor better.
 */
public final class RunComparison {

    private RunComparison() {
    }

    /** @throws DifferentScenariosException when the reports are of scenarios with different names */
    public static RunDiff compare(RunReport was, RunReport now) throws DifferentScenariosException {
        if (!was.scenario().equals(now.scenario())) {
            throw new DifferentScenariosException(was.scenario(), now.scenario());
        }
        Tally tally = new Tally();
        Map<String, Long> latencyResolution = was.harness() == null ? Map.of() : was.harness().slowdownHiddenMillis();
        for (ModelReport before : was.models()) {
            Optional<ModelReport> after = modelIn(now, before.model());
            if (after.isEmpty()) {
                tally.note("model " + before.model() + " is only in the old run");
                continue;
            }
            VerdictFigures.compare(before, after.get(), latencyResolution, tally);
            FunctionFigures.compare(before, after.get(), latencyResolution, tally);
            RecoveryFigures.compare(before, after.get(), tally);
            if (before.devices() == after.get().devices()) {
                EventFigures.compare(before, after.get(), tally);
                ConnectFigures.compare(before, after.get(), tally);
            } else {
                tally.note(before.model() + ": " + before.devices() + " devices in the old run, "
                        + after.get().devices() + " in the new: its event counts are not compared, and a verdict"
                        + " that changed may be what the larger fleet's probes sampled and the smaller one's missed");
            }
        }
        now.models().stream().filter(model -> modelIn(was, model.model()).isEmpty())
                .forEach(model -> tally.note("model " + model.model() + " is only in the new run"));
        ExpectationFigures.compare(was, now, tally);
        Optional<String> oldInDoubt = inDoubt(was);
        Optional<String> newInDoubt = inDoubt(now);
        oldInDoubt.ifPresent(doubt -> tally.note("in the old run, " + doubt + ": what got better may be the harness's"));
        newInDoubt.ifPresent(doubt -> tally.note("in the new run, " + doubt + ": what got worse may be the harness's"));
        return tally.diff(was.scenario(), newInDoubt.isPresent());
    }

    /** Why a run's figures after its baseline may be the harness's: it was not healthy then. */
    private static Optional<String> inDoubt(RunReport report) {
        List<String> problems = report.harness() == null ? List.of() : report.harness().problemsAfterTheBaseline();
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("the harness was not healthy after the baseline (" + String.join("; ", problems) + ")");
    }

    private static Optional<ModelReport> modelIn(RunReport report, String model) {
        return report.models().stream().filter(candidate -> candidate.model().equals(model)).findFirst();
    }
}
