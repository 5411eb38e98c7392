package io.cloudcut.harness;

import io.cloudcut.expectation.Expectations;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.report.RunFold;
import io.cloudcut.report.RunReport;

import java.util.Optional;

/**
 * What a run produced: everything observed, from what ran ({@link RunStartedObserved}: the scenario
 * as the run had it, its time scale as asked, the broker) to its end, folded as it came
 * ({@link RunFold}). The same whether the run just finished here or its {@code observations.jsonl}
 * was read back: the report is computed from the observations alone.
 */
public record RunResult(RunFold observed) {

    /** @throws IllegalStateException when nothing was observed, not even what ran */
    public RunResult {
        observed.started();
    }

    /** What ran: the scenario as the run had it, on which broker. */
    public RunStartedObserved started() {
        return observed.started();
    }

    /** The harness's own health over a window ({@link HealthObserved.Window#BASELINE} or {@link HealthObserved.Window#RUN}). */
    public Optional<HealthObserved> health(HealthObserved.Window window) {
        return observed.health(window);
    }

    /**
     * The run's report: its verdicts, with every expectation of its scenario checked. The one way
     * from a run to its report, for the command line, the tests and whoever reads a run back.
     *
     * @throws IllegalArgumentException when the observations stop before the run ended
     */
    public RunReport report() {
        return Expectations.checked(started().expectations(), observed.report());
    }
}
