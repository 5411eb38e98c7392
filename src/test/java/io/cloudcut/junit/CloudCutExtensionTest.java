package io.cloudcut.junit;

import io.cloudcut.report.ExpectationResult;
import io.cloudcut.report.HarnessReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The extension as a user's test class meets it, run by the JUnit engine itself (the nested classes
 * below are such user classes; Surefire leaves nested classes alone): one run per annotated class,
 * checks that pass, and checks that fail with the figure in their message.
 */
class CloudCutExtensionTest {

    /** What each check of a run says when its baseline was not healthy. */
    private static final String COULD_NOT_MEASURE = "the harness could not measure";

    @CloudCutScenario(value = "scenarios/short-outage.yaml", devicesPerModel = 1)
    static class ADoorbellTeamsSuite {

        static final List<ResilienceResult> RESULTS = Collections.synchronizedList(new ArrayList<>());

        @Test
        void theLocalChimeRingsThroughTheOutage(ResilienceResult result) {
            RESULTS.add(result);
            result.model("doorbell-local-chime").function("chime").during("outage").isKept();
            result.model("doorbell-local-chime").function("chime").during("baseline").okAtLeast(0.99);
            result.model("vacuum-local-first").isAtLeast(ModelVerdict.LOCAL_FUNCTION_KEPT)
                    .during("outage").isAtLeast(ModelVerdict.LOCAL_FUNCTION_KEPT);
            result.everyDeviceRecovered().recoveryP95Under(Duration.ofHours(2)).reconnectP95Under(Duration.ofHours(2))
                    .meetsItsExpectations();
        }

        @Test
        void theCloudOnlyDoorbellRingsToo(ResilienceResult result) {
            RESULTS.add(result);
            result.model("doorbell-cloud-only").function("chime").during("outage").isKept();
        }

        @Test
        void aModelNameWithATypo(ResilienceResult result) {
            result.model("doorbell-locl-chime");
        }

        @Test
        void aPhaseNameWithATypo(ResilienceResult result) {
            result.model("doorbell-local-chime").function("chime").during("outgae");
        }
    }

    @Test
    void aClassRunsItsScenarioOnce_andEachCheckPassesOrFailsWithTheFigureThatDecidedIt() {
        EngineExecutionResults results = measured(selectClass(ADoorbellTeamsSuite.class));

        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(1).failed(3));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("theCloudOnlyDoorbellRingsToo"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class),
                        message(text -> text.startsWith("chime of doorbell-cloud-only during outage: ")
                                && text.endsWith(" (needed at least KEPT)") && !text.contains("KEPT (")))))
                .haveExactly(1, event(test("aModelNameWithATypo"), finishedWithFailure(message(
                        "no model doorbell-locl-chime in the run of short-outage (its models: vacuum-cloud-locked, "
                                + "vacuum-local-first, doorbell-cloud-only, doorbell-local-chime)"))))
                .haveExactly(1, event(test("aPhaseNameWithATypo"), finishedWithFailure(message(
                        "no phase outgae in the run of short-outage (its phases: baseline, outage, recovery)"))));
        assertThat(ADoorbellTeamsSuite.RESULTS).as("both tests got the class's one run").hasSize(2)
                .satisfies(seen -> assertThat(seen.get(0)).isSameAs(seen.get(1)));
    }

    static class ScenariosWrittenInTheTest {

        @Test
        @CloudCutScenario(yaml = """
                name: written-in-a-test
                timeScale: 3600
                fleet: [{model: doorbell-local-chime, count: 1}]
                phases:
                  - {name: baseline, kind: baseline, duration: 30m}
                  - {name: ingest-down, kind: outage, duration: 1h, faults: [{service: ingest, fault: down}]}
                  - {name: recovery, kind: recovery, duration: 30m}
                """)
        void aScenarioWrittenInTheTest(ResilienceResult result) {
            result.model("doorbell-local-chime").function("chime").during("ingest-down").isKept();
            assertThat(result.report().scenario()).isEqualTo("written-in-a-test");
        }

        @Test
        @CloudCutScenario("scenarios/no-such-scenario.yaml")
        void aScenarioFileThatIsNotThere(ResilienceResult result) {
        }

        @Test
        @CloudCutScenario(yaml = """
                name: too-fast
                timeScale: 3600
                fleet: [{model: doorbell-local-chime, count: 1000}]
                phases:
                  - {name: baseline, kind: baseline, duration: 30m}
                  - {name: ingest-down, kind: outage, duration: 1h, faults: [{service: ingest, fault: down}]}
                """)
        void aFleetTooFastForThisMachine(ResilienceResult result) {
        }
    }

    @Test
    void aFleetTooFastForThisMachineIsRefusedBeforeItStarts_inTheAnnotationsWords() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectMethod(
                ScenariosWrittenInTheTest.class, "aFleetTooFastForThisMachine", ResilienceResult.class.getName())).execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("aFleetTooFastForThisMachine"),
                finishedWithFailure(message(text -> text.contains("@CloudCutScenario: at 3600x, 1000 devices would send about")
                        && text.endsWith(" or less, --time-scale auto, or a smaller fleet (here --time-scale is timeScale)")))));
    }

    @Test
    void aCheckThatFailedWhileTheHarnessWasNotHealthyLaterInTheRun_isNoAssertionError_andSaysWhy() {
        ExpectationResult failed = new ExpectationResult("every device recovered", false, "3 of 4 devices recovered");
        HarnessReport.Health baseline = new HarnessReport.Health(1, 2, 1, 2, 40, 100, 0, true, List.of());
        HarnessReport.Health later = new HarnessReport.Health(1, 1500, 1, 900, 95, 400, 0, false,
                List.of("an event loop stalled 1,500 ms in phase outage"));

        ResilienceResult healthy = resultOf(new HarnessReport("3600", 3600, baseline, baseline, List.of(), Map.of()), failed);
        ResilienceResult unhealthyLater = resultOf(new HarnessReport("3600", 3600, baseline, later, List.of(), Map.of()), failed);

        assertThatThrownBy(healthy::meetsItsExpectations).isInstanceOf(AssertionFailedError.class)
                .hasMessage("s: 1 of 1 expectations not met: 3 of 4 devices recovered");
        assertThatThrownBy(unhealthyLater::meetsItsExpectations).isInstanceOf(HarnessNotHealthyException.class)
                .isNotInstanceOf(AssertionError.class)
                .hasMessage("s: 1 of 1 expectations not met: 3 of 4 devices recovered; the harness was not healthy later in the "
                        + "run (an event loop stalled 1,500 ms in phase outage): the failure may be the harness's, not the "
                        + "devices'; run again with a smaller fleet (devicesPerModel) or a slower clock (timeScale)");
    }

    private static ResilienceResult resultOf(HarnessReport harness, ExpectationResult expectation) {
        return new ResilienceResult(new RunReport("s", "", "embedded", 3600, 1, false, List.of(), List.of(), List.of(), harness,
                List.of(expectation)));
    }

    @Test
    void aScenarioCanBeWrittenInTheTest_andAMissingFileIsNamed() {
        EngineExecutionResults results = measured(
                selectMethod(ScenariosWrittenInTheTest.class, "aScenarioWrittenInTheTest", ResilienceResult.class.getName()),
                selectMethod(ScenariosWrittenInTheTest.class, "aScenarioFileThatIsNotThere", ResilienceResult.class.getName()));

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("aScenarioFileThatIsNotThere"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(text -> text.contains("no-such-scenario.yaml")))));
    }

    /**
     * The user's classes run by the engine; when the harness could not measure their run (a CI machine
     * busy with other forks: every check then fails saying so), once more, as {@code CliRun.measured}
     * does for the command line. The second answer stands.
     */
    private static EngineExecutionResults measured(DiscoverySelector... selectors) {
        ADoorbellTeamsSuite.RESULTS.clear();
        EngineExecutionResults first = EngineTestKit.engine("junit-jupiter").selectors(selectors).execute();
        boolean couldNotMeasure = first.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable())
                .anyMatch(thrown -> thrown.map(Throwable::getMessage).orElse("").contains(COULD_NOT_MEASURE));
        if (!couldNotMeasure) {
            return first;
        }
        System.err.println("the harness could not measure the extension's run; once more");
        ADoorbellTeamsSuite.RESULTS.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectors).execute();
    }
}
