package io.cloudcut.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code report.html} shows, as the page's script reads it: the verdict matrix from the report,
 * and the charts' series, aggregated here from the report and the folded observations by time bucket (at
 * most {@link #MOST_BUCKETS}) or by probe round, so that the page's size does not grow with the
 * fleet. Times are scenario seconds since the run's origin. {@code interruption} says where an
 * interrupted run stopped (null: it played its timeline); {@code latencyNote}, how much slower a function could get
 * and still read KEPT, when that is much (null: it is not); {@code harness}, the terminal's lines on the harness,
 * {@code harnessHealthy} whether it was healthy over the baseline and the run, and {@code failuresInDoubt} why a
 * failed expectation may be the harness's (null: none failed, or the harness was healthy); {@code deviceFiguresHeader}
 * and {@code deviceFigures}, the terminal's table of what each model's devices noticed, how they came back and what
 * they sent, cell for cell.
 */
record ReportPage(String scenario, String description, String broker, double timeScale, String interruption,
                  String latencyNote, List<String> harness, boolean harnessHealthy, String failuresInDoubt, List<String> ladder,
                  List<RunReport.PhaseReport> phases, List<FaultWindows.Window> faults, List<ModelRow> models,
                  List<ExpectationResult> expectations, ConnectedSeries connected, AvailabilitySeries availability,
                  RecoveryHistogram recovery, EventStacks events, List<String> deviceFiguresHeader,
                  List<List<String>> deviceFigures) {

    static final int MOST_BUCKETS = 240;

    /**
     * A model: its headline and per-phase rungs, its timeline (absolute times), its functions, why devices were refused,
     * and the connects its devices' client left waiting for ever.
     */
    record ModelRow(String model, String kind, int devices, ModelVerdict verdict, Map<String, ModelVerdict> phases,
                    List<VerdictTimeline.Span> timeline, List<FunctionRow> functions, Map<String, Integer> refusedDevices,
                    long connectsLeftWaiting, int devicesLeavingConnectsWaiting) {
    }

    /** A function of a model: its verdict for the outage and its probes per phase. */
    record FunctionRow(String name, String path, FunctionVerdict verdict, Map<String, Cell> phases) {
    }

    /** One cell of the matrix: probes that worked of those made, and the phase's verdict (null: not judged). */
    record Cell(long ok, long total, FunctionVerdict verdict) {
    }

    /** {@code run}: the observations the report was computed from, folded. */
    static ReportPage of(RunReport report, RunFold run) {
        List<String> models = report.models().stream().map(ModelReport::model).toList();
        long endMillis = Math.max(run.lastMillis(),
                report.phases().stream().mapToLong(phase -> Math.round(phase.endSeconds() * 1000)).max().orElse(0));
        TimeBuckets buckets = TimeBuckets.covering(0, endMillis, MOST_BUCKETS);
        return new ReportPage(report.scenario(), report.description(), report.broker(), report.timeScale(),
                report.interrupted() ? TerminalTable.interruption(report) : null, latencyNote(report),
                TerminalTable.harnessLines(report), healthy(report.harness()), failuresInDoubt(report),
                Arrays.stream(ModelVerdict.values()).map(Enum::name).toList(), report.phases(),
                FaultWindows.of(run.faults(), endMillis),
                report.models().stream().map(ReportPage::row).toList(), report.expectations(),
                ConnectedSeries.of(run.connections(), models, buckets),
                run.availability().series(models),
                RecoveryHistogram.of(report.models().stream().map(ModelReport::recovery).toList()),
                EventStacks.of(report.models()), TerminalTable.SUMMARY_HEADER, TerminalTable.summaryRows(report));
    }

    /** The terminal's line on what the baseline hides, as a sentence of its own; null when the terminal says nothing. */
    private static String latencyNote(RunReport report) {
        String sentence = TerminalTable.latencyResolution(report);
        return sentence.isEmpty() ? null : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ".";
    }

    private static boolean healthy(HarnessReport harness) {
        return harness == null || (harness.verdictsRefused().isEmpty() && harness.problemsAfterTheBaseline().isEmpty());
    }

    /** Why the failed expectations may be the harness's, as a sentence; null when none failed or the harness was healthy. */
    private static String failuresInDoubt(RunReport report) {
        if (report.harness() == null || report.expectationsMet()) {
            return null;
        }
        return report.harness().failuresInDoubt().map(doubt -> Character.toUpperCase(doubt.charAt(0)) + doubt.substring(1) + ".")
                .orElse(null);
    }

    private static ModelRow row(ModelReport model) {
        double origin = model.timeline().originSeconds();
        List<VerdictTimeline.Span> timeline = model.timeline().spans().stream()
                .map(span -> new VerdictTimeline.Span(span.verdict(), origin + span.fromSeconds(),
                        origin + span.untilSeconds())).toList();
        List<FunctionRow> functions = model.functions().stream().map(function -> {
            Map<String, Cell> cells = new LinkedHashMap<>();
            function.phases().forEach((phase, counts) -> cells.put(phase,
                    new Cell(counts.ok(), counts.total(), counts.verdict())));
            return new FunctionRow(function.name(), function.path(), function.verdict(), cells);
        }).toList();
        return new ModelRow(model.model(), model.kind(), model.devices(), model.verdict(), model.phases(), timeline,
                functions, model.reconnect().refusedDevices(), model.reconnect().connectsLeftWaiting(),
                model.reconnect().devicesLeavingConnectsWaiting());
    }

}
