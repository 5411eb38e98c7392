package io.cloudcut.expectation;

import io.cloudcut.report.DetectionReport;
import io.cloudcut.report.EventsReport;
import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.ReconnectReport;
import io.cloudcut.report.RecoveryReport;
import io.cloudcut.report.RecoveryReport.DeviceRecovery;
import io.cloudcut.report.RecoveryVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.report.VerdictTimeline;
import io.cloudcut.scenario.ExpectationSpec;
import io.cloudcut.scenario.ExpectationSpec.Duplicates;
import io.cloudcut.scenario.ExpectationSpec.EventBounds;
import io.cloudcut.scenario.ExpectationSpec.RecoveryBounds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of expectation against a report written by hand: a doorbell whose chime was kept in the
 * outage and whose push was lost, two devices back after 3 and 7 minutes (or one not back), and an
 * event account with losses in the cloud and duplicates.
 */
class ExpectationChecksTest {

    private static final String BELL = "doorbell-local-chime";

    @Test
    void aFunctionVerdictIsMetAtItsRungOrABetterOneAndSaysWhatItWas() {
        RunReport report = report(recoveredAfter(180, 420), 0, 0);

        assertThat(check(report, function("chime", "outage", "kept", null)))
                .isEqualTo(new ExpectationResult("chime of doorbell-local-chime during outage: at least KEPT", true,
                        "chime of doorbell-local-chime during outage: KEPT (needed at least KEPT)"));
        assertThat(check(report, function("push-notification", null, "degraded", null)))
                .isEqualTo(new ExpectationResult("push-notification of doorbell-local-chime over the outage: at least DEGRADED",
                        false, "push-notification of doorbell-local-chime over the outage: LOST (needed at least DEGRADED)"));
        assertThat(check(report, function("push-notification", "outage", "lost", null)).met()).isTrue();
        assertThat(check(report, function("chime", "recovery", "kept", null)))
                .as("a phase where it was not probed").extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "chime of doorbell-local-chime during recovery: not probed (needed at least KEPT)");
    }

    @Test
    void aShareOfProbesOkIsCountedInItsPhase() {
        RunReport report = report(recoveredAfter(180, 420), 0, 0);

        assertThat(check(report, function("chime", "outage", null, "99%")))
                .isEqualTo(new ExpectationResult("chime of doorbell-local-chime during outage: at least 99% of probes ok",
                        true, "chime of doorbell-local-chime during outage: 39 of 39 probes ok, 100% (needed at least 99%)"));
        assertThat(check(report, function("push-notification", "baseline", null, "99.5%")))
                .as("199 of 200 is 99.5%, shown rounded down").extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(true, "push-notification of doorbell-local-chime during baseline: 199 of 200 probes ok, "
                        + "99.5% (needed at least 99.5%)");
        assertThat(check(report, function("push-notification", "baseline", null, "99.6%")).met()).isFalse();
        assertThat(check(report, function("push-notification", "outage", null, "1%")).figure())
                .isEqualTo("push-notification of doorbell-local-chime during outage: 0 of 39 probes ok, 0% (needed at least 1%)");
    }

    @Test
    void aModelVerdictIsMetAtItsRungOrABetterOne() {
        RunReport report = report(recoveredAfter(180, 420), 0, 0);

        assertThat(check(report, model(null, "local-function-kept")))
                .isEqualTo(new ExpectationResult("doorbell-local-chime over the outage: at least LOCAL_FUNCTION_KEPT", true,
                        "doorbell-local-chime over the outage: LOCAL_FUNCTION_KEPT (needed at least LOCAL_FUNCTION_KEPT)"));
        assertThat(check(report, model("outage", "fail-closed")).met()).isTrue();
        assertThat(check(report, model("outage", "fully-available")))
                .extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "doorbell-local-chime during outage: LOCAL_FUNCTION_KEPT (needed at least FULLY_AVAILABLE)");
    }

    @Test
    void recoveryP95IsTheSlowestModelsAndNeedsFewEnoughDevicesNotBack() {
        RecoveryBounds fiveMinutes = new RecoveryBounds(Duration.ofMinutes(5), null, null);
        assertThat(check(report(recoveredAfter(180, 240), 0, 0), recovery(fiveMinutes)))
                .isEqualTo(new ExpectationResult("recovery p95 under 5m", true,
                        "recovery p95 4m (doorbell-local-chime, the slowest model), needed under 5m"));
        assertThat(check(report(recoveredAfter(180, 432), 0, 0), recovery(fiveMinutes)))
                .extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "recovery p95 7m12s (doorbell-local-chime, the slowest model), needed under 5m");
        assertThat(check(report(oneNotBack(), 0, 0), recovery(fiveMinutes)))
                .extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "recovery p95 of doorbell-local-chime never reached: 1 of 2 devices not back, "
                        + "needed under 5m");
    }

    @Test
    void noneUnrecoveredNamesTheDevicesNotBack() {
        RecoveryBounds none = new RecoveryBounds(null, null, true);
        assertThat(check(report(recoveredAfter(180, 420), 0, 0), recovery(none)))
                .isEqualTo(new ExpectationResult("every device recovered", true, "2 of 2 devices recovered, needed all"));
        assertThat(check(report(oneNotBack(), 0, 0), recovery(none)))
                .extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "1 of 2 devices recovered, needed all; not back: doorbell-local-chime-2 NEEDS_A_PERSON");
    }

    @Test
    void reconnectP95IsTheSlowestModelsOverItsReconnects() {
        RecoveryBounds halfAMinute = new RecoveryBounds(null, Duration.ofSeconds(30), null);
        assertThat(check(report(recoveredAfter(180, 240), reconnects(8, 12.4)), recovery(halfAMinute)))
                .isEqualTo(new ExpectationResult("reconnect p95 under 30s", true,
                        "reconnect p95 12s (doorbell-local-chime, the slowest model, over its 8 reconnects), needed under 30s"));
        assertThat(check(report(recoveredAfter(180, 240), reconnects(8, 31.0)), recovery(halfAMinute)).met()).isFalse();
        assertThat(check(report(recoveredAfter(180, 240), reconnects(0, 0)), recovery(halfAMinute)))
                .extracting(ExpectationResult::met, ExpectationResult::figure)
                .containsExactly(false, "no device connected again after a fault, needed under 30s");
    }

    @Test
    void aRecoveryMappingIsACheckABound() {
        ExpectationSpec all = recovery(new RecoveryBounds(Duration.ofMinutes(5), Duration.ofSeconds(30), true));
        assertThat(Expectations.of(List.of(all))).hasSize(3);
    }

    @Test
    void eventsLostInTheCloudAndDuplicatesAreCountedOverTheFleet() {
        RunReport report = report(recoveredAfter(180, 420), 208, 3);

        assertThat(check(report, events(new EventBounds(300L, null))))
                .isEqualTo(new ExpectationResult("at most 300 events lost in the cloud", true,
                        "208 events lost in the cloud (needed at most 300)"));
        assertThat(check(report, events(new EventBounds(200L, null))).met()).isFalse();
        assertThat(check(report, events(new EventBounds(null, Duplicates.FORBIDDEN))))
                .isEqualTo(new ExpectationResult("no duplicate events", false,
                        "3 duplicate events reached the cloud (needed none)"));
        assertThat(check(report, events(new EventBounds(null, Duplicates.ALLOWED))))
                .isEqualTo(new ExpectationResult("duplicate events allowed", true,
                        "3 duplicate events reached the cloud (allowed)"));
        assertThat(check(report(recoveredAfter(1, 2), 0, 0), events(new EventBounds(null, Duplicates.FORBIDDEN))).met())
                .isTrue();
    }

    @Test
    void checkedPutsEveryResultInTheReportInTheOrderWritten() {
        RunReport report = report(recoveredAfter(180, 420), 0, 0);
        List<ExpectationResult> results = Expectations.of(List.of(model(null, "fully-available"),
                function("chime", "outage", "kept", null))).stream().map(e -> e.check(report)).toList();

        assertThat(report.withExpectations(results).expectationsMet()).isFalse();
        assertThat(results).extracting(ExpectationResult::met).containsExactly(false, true);
        assertThat(report.expectationsMet()).as("none stated").isTrue();
    }

    private static ExpectationResult check(RunReport report, ExpectationSpec spec) {
        return Expectations.of(List.of(spec)).get(0).check(report);
    }

    private static ExpectationSpec function(String function, String phase, String verdict, String okAtLeast) {
        return new ExpectationSpec(BELL, function, phase, verdict, okAtLeast, null, null);
    }

    private static ExpectationSpec model(String phase, String verdict) {
        return new ExpectationSpec(BELL, null, phase, verdict, null, null, null);
    }

    private static ExpectationSpec recovery(RecoveryBounds bounds) {
        return new ExpectationSpec(null, null, null, null, null, bounds, null);
    }

    private static ExpectationSpec events(EventBounds bounds) {
        return new ExpectationSpec(null, null, null, null, null, null, bounds);
    }

    private static RecoveryReport recoveredAfter(double first, double second) {
        return new RecoveryReport(2, 0, 0, first, second, second, 60, 0.1, 0.2, null, null, List.of(
                new DeviceRecovery(BELL + "-1", RecoveryVerdict.RECOVERED, first, "idle"),
                new DeviceRecovery(BELL + "-2", RecoveryVerdict.RECOVERED, second, "idle")));
    }

    private static RecoveryReport oneNotBack() {
        return new RecoveryReport(1, 0, 1, 60, 60, 60, 60, 0.1, 0.1, null, null, List.of(
                new DeviceRecovery(BELL + "-1", RecoveryVerdict.RECOVERED, 60.0, "idle"),
                new DeviceRecovery(BELL + "-2", RecoveryVerdict.NEEDS_A_PERSON, null, "offline, gave up")));
    }

    private static ReconnectReport reconnects(int reconnections, double p95Seconds) {
        return new ReconnectReport(Math.min(reconnections, 2), reconnections, 1, 3, p95Seconds / 2, p95Seconds, p95Seconds,
                0.1, Map.of());
    }

    private static RunReport report(RecoveryReport recovery, long lostInCloud, long duplicates) {
        return report(recovery, new ReconnectReport(0, 0, 0, 0, 0, 0, 0, 0, Map.of()), lostInCloud, duplicates);
    }

    private static RunReport report(RecoveryReport recovery, ReconnectReport reconnect) {
        return report(recovery, reconnect, 0, 0);
    }

    /** The doorbell: chime kept (39 of 39 in the outage), push lost (0 of 39; 199 of 200 in the baseline). */
    private static RunReport report(RecoveryReport recovery, ReconnectReport reconnect, long lostInCloud, long duplicates) {
        FunctionReport chime = new FunctionReport("chime", "local", Map.of(
                "baseline", counts(12, 0, null), "outage", counts(39, 0, FunctionVerdict.KEPT)), FunctionVerdict.KEPT, null);
        FunctionReport push = new FunctionReport("push-notification", "cloud", Map.of(
                "baseline", counts(199, 1, null), "outage", counts(0, 39, FunctionVerdict.LOST)), FunctionVerdict.LOST,
                "timed out");
        ModelReport bell = new ModelReport(BELL, "doorbell", "vertx", 2, ModelVerdict.LOCAL_FUNCTION_KEPT,
                Map.of("outage", ModelVerdict.LOCAL_FUNCTION_KEPT), new VerdictTimeline(0, 900, List.of()),
                List.of(chime, push), new DetectionReport(0, 0, 0, 0), recovery, reconnect,
                new EventsReport(500, 500, 0, Map.of(), 500 - lostInCloud, duplicates, 0, 0), List.of());
        return new RunReport("made-up", "", "embedded", 3600, 1, false, List.of(), List.of(), List.of(bell), null, List.of());
    }

    private static PhaseCounts counts(long ok, long failed, FunctionVerdict verdict) {
        return new PhaseCounts(ok, failed, 0, 0, failed, 0, 5, 9, verdict);
    }
}
