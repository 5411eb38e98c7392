package io.cloudcut.comparison;

import io.cloudcut.report.DetectionReport;
import io.cloudcut.report.EventsReport;
import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.HarnessReport;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.ReconnectReport;
import io.cloudcut.report.RecoveryReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.VerdictTimeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's report written by hand for comparing runs: a baseline and one outage phase named
 * {@code outage}, probe rounds 15 min apart (a minute in recovery), every device recovered, 300 events generated; each
 * figure a test compares is set on its own.
 */
final class ModelFixture {

    /** The spacing of recovery rounds, which the recovery states as its resolution. */
    static final double RECOVERY_ROUNDS_SECONDS = 60;

    private final String model;
    private int devices = 2;
    private ModelVerdict verdict = ModelVerdict.LOCAL_FUNCTION_KEPT;
    private final Map<String, FunctionVerdict> functions = new LinkedHashMap<>();
    /** Functions also judged in a phase named {@code recovery}, not an outage phase, with their verdict there. */
    private final Map<String, FunctionVerdict> inRecovery = new LinkedHashMap<>();
    private double p50 = 600;
    private double p95 = 900;
    private double max = 900;
    private int notRecovered;
    private int needsAPerson;
    private long generated = 300;
    private long lostInCloud = 100;
    private long dropped;
    private long duplicates;
    private long connectsLeftWaiting;

    private ModelFixture(String model) {
        this.model = model;
    }

    /** A local-first vacuum: its button kept, its app lost. */
    static ModelFixture localFirst() {
        return new ModelFixture("vacuum-local-first").function("clean-button", FunctionVerdict.KEPT)
                .function("clean-from-app", FunctionVerdict.LOST);
    }

    ModelFixture devices(int count) {
        devices = count;
        return this;
    }

    ModelFixture verdict(ModelVerdict rung) {
        verdict = rung;
        return this;
    }

    ModelFixture function(String name, FunctionVerdict inOutage) {
        functions.put(name, inOutage);
        return this;
    }

    ModelFixture inRecovery(String function, FunctionVerdict verdict) {
        inRecovery.put(function, verdict);
        return this;
    }

    ModelFixture recovery(double p50Seconds, double p95Seconds, double maxSeconds) {
        p50 = p50Seconds;
        p95 = p95Seconds;
        max = maxSeconds;
        return this;
    }

    ModelFixture notBack(int notRecoveredDevices, int needingAPerson) {
        notRecovered = notRecoveredDevices;
        needsAPerson = needingAPerson;
        return this;
    }

    ModelFixture generated(long events) {
        generated = events;
        return this;
    }

    ModelFixture events(long lost, long droppedEvents, long duplicated) {
        lostInCloud = lost;
        dropped = droppedEvents;
        duplicates = duplicated;
        return this;
    }

    /** Connects the model's client left waiting for ever, by all its devices. */
    ModelFixture connectsLeftWaiting(long connects) {
        connectsLeftWaiting = connects;
        return this;
    }

    ModelReport report() {
        List<FunctionReport> reports = new ArrayList<>();
        functions.forEach((name, inOutage) -> {
            Map<String, PhaseCounts> phases = new LinkedHashMap<>(Map.of("baseline", counts(FunctionVerdict.KEPT), "outage", counts(inOutage)));
            if (inRecovery.containsKey(name)) {
                phases.put("recovery", counts(inRecovery.get(name)));
            }
            reports.add(new FunctionReport(name, "local", phases, inOutage, null));
        });
        long delivered = generated - dropped;
        return new ModelReport(model, "vacuum", "vertx", devices, verdict, Map.of("outage", verdict),
                new VerdictTimeline(3600, 900, List.of()), reports,
                new DetectionReport(0, 0, 0, 0),
                new RecoveryReport(devices - notRecovered - needsAPerson, notRecovered, needsAPerson, p50, p95, max,
                        RECOVERY_ROUNDS_SECONDS, 1, 1, null, null, List.of()),
                new ReconnectReport(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), connectsLeftWaiting, connectsLeftWaiting > 0 ? devices : 0),
                new EventsReport(generated, delivered, 0, Map.of("overflow", dropped), delivered - lostInCloud,
                        duplicates, 0, 0),
                List.of());
    }

    /** A run of {@code scenario} with these models and expectations. */
    static RunReport run(String scenario, List<ModelFixture> models, ExpectationResult... expectations) {
        return new RunReport(scenario, "made up", "embedded", 3600, 10, false, List.of(), List.of(),
                models.stream().map(ModelFixture::report).toList(),
                new HarnessReport("3600", 3600, null, null, List.of(), Map.of()), List.of(expectations));
    }

    static RunReport run(ModelFixture... models) {
        return run("short-outage", List.of(models));
    }

    private static PhaseCounts counts(FunctionVerdict verdict) {
        long ok = switch (verdict) {
            case KEPT -> 4;
            case DEGRADED -> 2;
            case LOST -> 0;
        };
        return new PhaseCounts(ok, 4 - ok, 0, 4 - ok, 0, 0, 5, 8, verdict);
    }
}
