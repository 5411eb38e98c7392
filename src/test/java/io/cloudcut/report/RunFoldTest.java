package io.cloudcut.report;

import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.StateObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import static io.cloudcut.report.SampleModels.LOCAL_FIRST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long run folded one observation at a time: the observations are made as they are fed and
 * dropped at once, never held in a list, and the report still comes out counted to the last probe.
 */
class RunFoldTest {

    private static final int DEVICES = 100;
    /** A round a minute; 100 devices x 3 functions x 2 phases x 3,334 rounds: 2,000,400 probes. */
    private static final int ROUNDS = 3_334;
    private static final Duration ROUND = Duration.ofMinutes(1);
    /** Latencies 5 to 24 ms, each as often as the others in every round: one per device and function. */
    private static final int SPREAD = 20;

    @Test
    void twoMillionProbesOfAHundredDevicesFoldIntoTheReportTheyMakeUp() {
        RunFixture run = new RunFixture().model(LOCAL_FIRST, DEVICES)
                .phase("baseline", PhaseKind.BASELINE, ROUND.multipliedBy(ROUNDS))
                .phase("outage", PhaseKind.OUTAGE, ROUND.multipliedBy(ROUNDS));
        // What ran, the phases' marks and the end, no probes: fed in time order around the probes.
        Iterator<Observation> frame = run.observations().iterator();
        RunFold fold = new RunFold();
        feedUntil(fold, frame, "baseline", true);
        long probes = feed(fold, "baseline", run.start("baseline"), function -> ProbeOutcome.OK);
        feedUntil(fold, frame, "outage", true);
        probes += feed(fold, "outage", run.start("outage"),
                function -> function.isLocal() ? ProbeOutcome.OK : ProbeOutcome.TIMED_OUT);
        frame.forEachRemaining(fold);
        ModelReport model = fold.report().model(LOCAL_FIRST.id());

        assertThat(probes).isEqualTo(2_000_400);
        long perPhase = (long) DEVICES * ROUNDS;
        PhaseCounts button = model.function("clean-button").phases().get("baseline");
        assertThat(button.ok()).isEqualTo(perPhase);
        assertThat(button.failed()).isZero();
        // Each of the 20 latencies 5..24 ms makes a twentieth of the probes: the median (rank n/2) is
        // the 10th value, 14 ms; the 95th percentile (rank 0.95 n) the 19th, 23 ms.
        assertThat(button.p50LatencyMillis()).isEqualTo(14);
        assertThat(button.p95LatencyMillis()).isEqualTo(23);
        assertThat(model.function("clean-button").phases().get("outage").verdict()).isEqualTo(FunctionVerdict.KEPT);
        PhaseCounts app = model.function("clean-from-app").phases().get("outage");
        assertThat(app.timedOut()).isEqualTo(perPhase);
        assertThat(app.ok()).isZero();
        assertThat(app.verdict()).isEqualTo(FunctionVerdict.LOST);
        assertThat(model.function("clean-from-app").lastFailure()).isEqualTo("outage: no answer");
        assertThat(model.function("status-report").verdict()).isEqualTo(FunctionVerdict.LOST);

        assertThat(model.verdict()).isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertThat(model.phases()).isEqualTo(Map.of("outage", ModelVerdict.LOCAL_FUNCTION_KEPT));
        assertThat(model.timeline().spans()).containsExactly(new VerdictTimeline.Span(ModelVerdict.LOCAL_FUNCTION_KEPT,
                0, ROUND.multipliedBy(ROUNDS).toSeconds()));
        assertThat(model.timeline().resolutionSeconds()).isEqualTo(ROUND.toSeconds());
    }

    /** Feeds the frame up to the mark of the phase's start ({@code started}) or end, that mark included. */
    private static void feedUntil(RunFold fold, Iterator<Observation> frame, String phase, boolean started) {
        Observation next;
        do {
            next = frame.next();
            fold.accept(next);
        } while (!(next instanceof PhaseObserved mark && mark.phase().equals(phase) && mark.started() == started));
    }

    /**
     * Every round of the phase: each device probed in each function (its latency by device and round)
     * and, as a vacuum does when its button is pressed, cleaning, then docked again. Returns how many
     * probes were fed.
     */
    private static long feed(RunFold fold, String phase, Duration start,
                             java.util.function.Function<FunctionSpec, ProbeOutcome> outcomeOf) {
        long fed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long at = start.plus(ROUND.multipliedBy(round)).toMillis();
            for (int device = 0; device < DEVICES; device++) {
                String id = LOCAL_FIRST.id() + "-" + (device + 1);
                for (FunctionSpec function : LOCAL_FIRST.functions()) {
                    ProbeOutcome outcome = outcomeOf.apply(function);
                    fold.accept(new ProbeObserved(at, phase, round, false, id, LOCAL_FIRST.id(), function.name(),
                            function.isLocal() ? "local" : "cloud", outcome,
                            outcome == ProbeOutcome.OK ? 5 + (device + round) % SPREAD : 1500, 0, 0, 0,
                            outcome == ProbeOutcome.OK ? null : "no answer"));
                    fed++;
                }
                fold.accept(new StateObserved(at + 1_000, id, LOCAL_FIRST.id(), "cleaning", false));
                fold.accept(new StateObserved(at + 30_000, id, LOCAL_FIRST.id(), "docked", true));
            }
        }
        return fed;
    }
}
