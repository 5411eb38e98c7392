package io.cloudcut.comparison;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.HarnessReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.cloudcut.comparison.ModelFixture.localFirst;
import static io.cloudcut.comparison.ModelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class RunComparisonTest {

    private static final String MODEL = "vacuum-local-first";

    @Test
    void aRunComparedWithItselfHasNothingChangedAndCountsEveryFigure() throws Exception {
        RunReport report = run(localFirst());

        RunDiff diff = RunComparison.compare(report, report);

        assertThat(diff.changes()).isEmpty();
        assertThat(diff.notes()).isEmpty();
        assertThat(diff.regressed()).isFalse();
        // headline and outage rungs (2); per function the outage verdict and two phases (2 x 3);
        // recovery p50, p95, max and two counts of devices not back (5); three event counts (3)
        assertThat(diff.summary()).isEqualTo("0 worse, 0 better, 16 unchanged");
    }

    @Test
    void aPrimaryFunctionLostIsWorseForTheModelAndTheFunctionInEachPlaceItShows() throws Exception {
        RunReport kept = run(localFirst());
        RunReport lost = run(localFirst().verdict(ModelVerdict.FAIL_CLOSED).function("clean-button", FunctionVerdict.LOST));

        RunDiff diff = RunComparison.compare(kept, lost);

        assertThat(diff.better()).isEmpty();
        assertThat(diff.worse()).extracting(Change::model, Change::function, Change::phase, Change::was, Change::now)
                .containsExactly(
                        tuple(MODEL, "-", "-", "LOCAL_FUNCTION_KEPT", "FAIL_CLOSED"),
                        tuple(MODEL, "-", "outage", "LOCAL_FUNCTION_KEPT", "FAIL_CLOSED"),
                        tuple(MODEL, "clean-button", "-", "KEPT", "LOST"),
                        tuple(MODEL, "clean-button", "outage", "KEPT", "LOST"));
        assertThat(diff.regressed()).isTrue();
        assertThat(diff.summary()).isEqualTo("4 worse, 0 better, 12 unchanged");
    }

    /**
     * A firmware whose client now leaves connects waiting for ever is worse, from none; between two runs that both left
     * some, the count moves within 10% (which attempts leave one is a race); runs that left none compare nothing more.
     */
    @Test
    void connectsLeftWaitingFromNoneAreWorse_aFewMoreOfManyAreNoise() throws Exception {
        RunDiff fromNone = RunComparison.compare(run(localFirst()), run(localFirst().connectsLeftWaiting(95)));
        assertThat(fromNone.worse()).extracting(Change::figure, Change::was, Change::now)
                .containsExactly(tuple("connects left waiting for ever (tolerance 0)", "0", "95"));
        assertThat(fromNone.regressed()).isTrue();

        RunDiff some = RunComparison.compare(run(localFirst().connectsLeftWaiting(95)), run(localFirst().connectsLeftWaiting(100)));
        assertThat(some.changes()).isEmpty();
        assertThat(some.summary()).isEqualTo("0 worse, 0 better, 17 unchanged");

        RunDiff gone = RunComparison.compare(run(localFirst().connectsLeftWaiting(95)), run(localFirst()));
        assertThat(gone.better()).extracting(Change::figure).containsExactly("connects left waiting for ever (tolerance 9)");
    }

    @Test
    void theSameChangeTheOtherWayIsBetterAndNoRegression() throws Exception {
        RunReport lost = run(localFirst().verdict(ModelVerdict.CLOUD_DEPENDENT)
                .function("clean-button", FunctionVerdict.DEGRADED));

        RunDiff diff = RunComparison.compare(lost, run(localFirst()));

        assertThat(diff.worse()).isEmpty();
        assertThat(diff.better()).extracting(Change::function, Change::phase, Change::was, Change::now).containsExactly(
                tuple("-", "-", "CLOUD_DEPENDENT", "LOCAL_FUNCTION_KEPT"),
                tuple("-", "outage", "CLOUD_DEPENDENT", "LOCAL_FUNCTION_KEPT"),
                tuple("clean-button", "-", "DEGRADED", "KEPT"),
                tuple("clean-button", "outage", "DEGRADED", "KEPT"));
        assertThat(diff.regressed()).isFalse();
    }

    @Test
    void worseChangesAreListedBeforeBetterOnes() throws Exception {
        RunReport before = run(localFirst().function("clean-from-app", FunctionVerdict.LOST));
        RunReport after = run(localFirst().function("clean-from-app", FunctionVerdict.KEPT).notBack(1, 0));

        RunDiff diff = RunComparison.compare(before, after);

        assertThat(diff.changes()).extracting(Change::direction, Change::figure).containsExactly(
                tuple(Change.Direction.WORSE, "devices NOT_RECOVERED"),
                tuple(Change.Direction.BETTER, "function verdict (worst outage phase)"),
                tuple(Change.Direction.BETTER, "function verdict"));
    }

    @Test
    void aRecoveryTimeWithinOneProbeIntervalIsNoiseAndBeyondItIsWorse() throws Exception {
        // recovery rounds a minute apart: p95 from 5 min to 5 min 55 s is within one round, to 6 min 10 s is not
        withinThenBeyond(localFirst().recovery(300, 300, 300), localFirst().recovery(300, 355, 355),
                localFirst().recovery(300, 370, 300))
                .extracting(Change::direction, Change::figure, Change::was, Change::now)
                .containsExactly(tuple(Change.Direction.WORSE, "recovery p95 (tolerance 1m00s)", "5m00s", "6m10s"));
    }

    @Test
    void aLongRecoveryMayMoveByTenPercentOfItself() throws Exception {
        withinThenBeyond(localFirst().recovery(20_000, 20_000, 20_000), localFirst().recovery(21_900, 20_000, 18_100),
                localFirst().recovery(22_100, 20_000, 17_900))
                .extracting(Change::direction, Change::figure).containsExactly(
                        tuple(Change.Direction.WORSE, "recovery p50 (tolerance 33m20s)"),
                        tuple(Change.Direction.BETTER, "recovery max (tolerance 33m20s)"));
    }

    @Test
    void eventCountsMoveByTenPercentOrOnePercentOfWhatWasGeneratedBeforeTheyCount() throws Exception {
        // 300 events generated: lost in cloud may move by 10 (10% of 100), dropped and duplicates by 3 (1% of 300)
        withinThenBeyond(localFirst().events(100, 0, 0), localFirst().events(110, 3, 3), localFirst().events(111, 4, 4))
                .extracting(Change::direction, Change::figure, Change::was, Change::now).containsExactly(
                        tuple(Change.Direction.WORSE, "events lost in cloud (tolerance 10)", "100", "111"),
                        tuple(Change.Direction.WORSE, "events dropped (tolerance 3)", "0", "4"),
                        tuple(Change.Direction.WORSE, "duplicate events (tolerance 3)", "0", "4"));
    }

    @Test
    void aCountOfFewEventsMayAlwaysMoveByOne() throws Exception {
        // 50 events generated, 5 lost: 10% and 1% are under one event
        withinThenBeyond(localFirst().generated(50).events(5, 0, 0), localFirst().generated(50).events(6, 1, 1),
                localFirst().generated(50).events(5, 0, 2))
                .extracting(Change::direction, Change::figure, Change::was, Change::now)
                .containsExactly(tuple(Change.Direction.WORSE, "duplicate events (tolerance 1)", "0", "2"));
    }

    @Test
    void recoveryTimesAreShownToTheSecond() {
        assertThat(RecoveryFigures.toTheSecond(0.03)).isEqualTo("0s");
        assertThat(RecoveryFigures.toTheSecond(221.495)).isEqualTo("3m41s");
        assertThat(RecoveryFigures.toTheSecond(7510)).isEqualTo("2h05m10s");
    }

    @Test
    void anyMoreDevicesNotBackIsWorse() throws Exception {
        RunDiff diff = RunComparison.compare(run(localFirst().devices(3)), run(localFirst().devices(3).notBack(0, 1)));

        assertThat(diff.worse()).extracting(Change::figure, Change::was, Change::now)
                .containsExactly(tuple("devices NEEDS_A_PERSON", "0", "1"));
    }

    @Test
    void anExpectationThatFlipsIsWorseOrBetterByItsWords() throws Exception {
        String chime = "chime of doorbell-local-chime during outage: at least KEPT";
        String recovered = "every device recovered";
        RunReport before = run("short-outage", List.of(localFirst()), new ExpectationResult(chime, true, "KEPT"),
                new ExpectationResult(recovered, false, "1 of 2"));
        RunReport after = run("short-outage", List.of(localFirst()), new ExpectationResult(chime, false, "LOST"),
                new ExpectationResult(recovered, true, "2 of 2"));

        RunDiff diff = RunComparison.compare(before, after);

        assertThat(diff.changes()).extracting(Change::direction, Change::figure, Change::was, Change::now)
                .containsExactly(
                        tuple(Change.Direction.WORSE, "expectation: " + chime, "PASS", "FAIL"),
                        tuple(Change.Direction.BETTER, "expectation: " + recovered, "FAIL", "PASS"));
    }

    @Test
    void runsOfDifferentScenariosAreNotComparedAndBothAreNamed() {
        RunReport shortOutage = run(localFirst());
        RunReport kinesis = run("kinesis-2020", List.of(localFirst()));

        assertThatThrownBy(() -> RunComparison.compare(shortOutage, kinesis))
                .isInstanceOfSatisfying(DifferentScenariosException.class, different -> {
                    assertThat(different.was()).isEqualTo("short-outage");
                    assertThat(different.now()).isEqualTo("kinesis-2020");
                })
                .hasMessage("the runs are of different scenarios: 'short-outage' and 'kinesis-2020'");
    }

    @Test
    void aFleetOfAnotherSizeHasItsEventCountsNotedNotCompared() throws Exception {
        RunDiff diff = RunComparison.compare(run(localFirst().devices(2)),
                run(localFirst().devices(1).events(250, 0, 0)));

        assertThat(diff.changes()).isEmpty();
        assertThat(diff.notes()).containsExactly(
                MODEL + ": 2 devices in the old run, 1 in the new: its event counts are not compared, and a verdict that"
                        + " changed may be what the larger fleet's probes sampled and the smaller one's missed");
    }

    @Test
    void aModelInOneRunOnlyIsNoted() throws Exception {
        RunDiff diff = RunComparison.compare(run(localFirst()), run());

        assertThat(diff.notes()).containsExactly("model " + MODEL + " is only in the old run");
        assertThat(diff.summary()).isEqualTo("0 worse, 0 better, 0 unchanged");
    }

    /** Asserts that a run {@code within} the tolerance of {@code before} shows no change; the changes {@code beyond} it, to assert on. */
    private static ListAssert<Change> withinThenBeyond(ModelFixture before, ModelFixture within, ModelFixture beyond)
            throws DifferentScenariosException {
        RunDiff withinTolerance = RunComparison.compare(run(before), run(within));
        assertThat(withinTolerance.changes()).as("within the tolerance").isEmpty();
        assertThat(withinTolerance.withinChance()).as("within the tolerance").isEmpty();
        // Past the tolerance, a count counts as a change or, as likely as not from the same devices, apart.
        RunDiff pastIt = RunComparison.compare(run(before), run(beyond));
        return assertThat(Stream.concat(pastIt.changes().stream(), pastIt.withinChance().stream()).toList());
    }

    @Test
    void aRunWhoseHarnessWasNotHealthyAfterItsBaselineIsNoted_andTheNewOnesMarksWhatGotWorse() throws Exception {
        RunReport kept = run(localFirst());
        RunReport lost = run(localFirst().verdict(ModelVerdict.FAIL_CLOSED).function("clean-button", FunctionVerdict.LOST));

        RunDiff worseOnAnUnhealthyHarness = RunComparison.compare(kept, unhealthyAfterTheBaseline(lost));
        RunDiff betterAfterAnUnhealthyHarness = RunComparison.compare(unhealthyAfterTheBaseline(lost), kept);

        assertThat(worseOnAnUnhealthyHarness.regressed()).isTrue();
        assertThat(worseOnAnUnhealthyHarness.newRunInDoubt()).isTrue();
        assertThat(worseOnAnUnhealthyHarness.notes()).containsExactly("in the new run, the harness was not healthy after the "
                + "baseline (an event loop stalled 1,500 ms in phase outage): what got worse may be the harness's");
        assertThat(betterAfterAnUnhealthyHarness.newRunInDoubt()).isFalse();
        assertThat(betterAfterAnUnhealthyHarness.notes()).containsExactly("in the old run, the harness was not healthy after the "
                + "baseline (an event loop stalled 1,500 ms in phase outage): what got better may be the harness's");
        assertThat(RunComparison.compare(kept, lost).newRunInDoubt()).isFalse();
    }

    private static RunReport unhealthyAfterTheBaseline(RunReport report) {
        HarnessReport.Health baseline = new HarnessReport.Health(1, 2, 1, 2, 40, 100, 0, true, List.of());
        HarnessReport.Health later = new HarnessReport.Health(1, 1500, 1, 2, 90, 300, 0, false,
                List.of("an event loop stalled 1,500 ms in phase outage"));
        return new RunReport(report.scenario(), report.description(), report.broker(), report.timeScale(), report.wallSeconds(),
                report.interrupted(), report.phases(), report.services(), report.models(),
                new HarnessReport("3600", 3600, baseline, later, List.of(), Map.of()), report.expectations());
    }

    /**
     * Two runs of the same code differ by chance: 111 events lost of 300 where 100 were is past the count's tolerance but
     * as likely from the same devices, and is listed apart, no regression; 160 is not.
     */
    @Test
    void anEventCountPastItsToleranceButWithinChanceIsListedApart_farBeyondItIsWorse() throws Exception {
        RunDiff byChance = RunComparison.compare(run(localFirst().events(100, 0, 0)), run(localFirst().events(111, 0, 0)));
        RunDiff beyondChance = RunComparison.compare(run(localFirst().events(100, 0, 0)), run(localFirst().events(160, 0, 0)));

        assertThat(byChance.changes()).isEmpty();
        assertThat(byChance.withinChance()).extracting(Change::direction, Change::figure, Change::was, Change::now)
                .containsExactly(tuple(Change.Direction.WORSE, "events lost in cloud (tolerance 10)", "100", "111"));
        assertThat(byChance.regressed()).isFalse();
        assertThat(byChance.summary()).isEqualTo("0 worse, 0 better, 15 unchanged, 1 within chance");
        assertThat(beyondChance.worse()).extracting(Change::figure).containsExactly("events lost in cloud (tolerance 10)");
        assertThat(beyondChance.regressed()).isTrue();
    }

    /**
     * A function that worked in 2 of 4 probes and then in none moved from DEGRADED to LOST, and its model from keeping
     * its local function to depending on the cloud: as likely from the same devices (a round where both missed), so
     * both are listed apart. From 4 of 4 to none, they are worse ({@link #aPrimaryFunctionLostIsWorseForTheModelAndTheFunctionInEachPlaceItShows}).
     */
    @Test
    void aVerdictThatMovedWhileItsProbesDifferByNoMoreThanChanceIsListedApart() throws Exception {
        RunReport sometimes = run(localFirst().function("clean-button", FunctionVerdict.DEGRADED).verdict(ModelVerdict.DEGRADED));
        RunReport never = run(localFirst().function("clean-button", FunctionVerdict.LOST).verdict(ModelVerdict.CLOUD_DEPENDENT));

        RunDiff diff = RunComparison.compare(sometimes, never);

        assertThat(diff.changes()).isEmpty();
        assertThat(diff.regressed()).isFalse();
        assertThat(diff.withinChance()).extracting(Change::function, Change::phase, Change::was, Change::now).containsExactly(
                tuple("-", "-", "DEGRADED", "CLOUD_DEPENDENT"),
                tuple("-", "outage", "DEGRADED", "CLOUD_DEPENDENT"),
                tuple("clean-button", "-", "DEGRADED", "LOST"),
                tuple("clean-button", "outage", "DEGRADED", "LOST"));
    }

    /**
     * A function's verdict over the outage is its outage phases' worst: a recovery that moved beyond chance does not make
     * the outage's move, within chance, count.
     */
    @Test
    void theVerdictOverTheOutageIsHeldToChanceByItsOutagePhasesAlone() throws Exception {
        RunReport sometimes = run(localFirst().function("clean-button", FunctionVerdict.DEGRADED).verdict(ModelVerdict.DEGRADED)
                .inRecovery("clean-button", FunctionVerdict.KEPT));
        RunReport never = run(localFirst().function("clean-button", FunctionVerdict.LOST).verdict(ModelVerdict.CLOUD_DEPENDENT)
                .inRecovery("clean-button", FunctionVerdict.LOST));

        RunDiff diff = RunComparison.compare(sometimes, never);

        assertThat(diff.worse()).extracting(Change::function, Change::phase, Change::was, Change::now)
                .containsExactly(tuple("clean-button", "recovery", "KEPT", "LOST"));
        assertThat(diff.withinChance()).extracting(Change::function, Change::phase)
                .contains(tuple("clean-button", "-"), tuple("clean-button", "outage"));
    }

    /** A rung that holds a device stuck, or fails open, comes from what the devices did: it counts whatever the shares. */
    @Test
    void aModelNowStuckIsWorseWhateverItsFunctionsShares() throws Exception {
        RunDiff diff = RunComparison.compare(run(localFirst()), run(localFirst().verdict(ModelVerdict.STUCK_IN_LAST_STATE)));

        assertThat(diff.worse()).extracting(Change::phase, Change::now)
                .containsExactly(tuple("-", "STUCK_IN_LAST_STATE"), tuple("outage", "STUCK_IN_LAST_STATE"));
        assertThat(diff.withinChance()).isEmpty();
    }
}
