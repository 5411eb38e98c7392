package io.cloudcut.report;

import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.PhaseKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.observation.ProbeOutcome.TIMED_OUT;
import static io.cloudcut.report.RunFixture.all;
import static org.assertj.core.api.Assertions.assertThat;

/** A model's rung round by round through the outage, and its headline: the worst outage phase. */
class TimelineTest {

    private static final DeviceModel LOCKED = SampleModels.CLOUD_LOCKED;
    private static final String DEVICE = "vacuum-cloud-locked-1";

    @Test
    void aModelLockedForNineHoursThenWorkingLocallyForEightShowsBoth() {
        RunFixture run = kinesis();
        for (int round = 0; round < 3; round++) {
            run.round("kinesis-and-auth-down", round, hours(1.5 + 2.5 * round), DEVICE, all(LOCKED, REFUSED));
            run.round("auth-back-kinesis-down", round, hours(9.5 + 2.5 * round), DEVICE,
                    Map.of("clean-button", OK, "scheduled-clean", OK, "clean-from-app", TIMED_OUT));
        }
        ModelReport model = run.report().model("vacuum-cloud-locked");

        assertThat(model.phases()).containsExactly(Map.entry("kinesis-and-auth-down", ModelVerdict.FAIL_CLOSED),
                Map.entry("auth-back-kinesis-down", ModelVerdict.LOCAL_FUNCTION_KEPT));
        assertThat(model.verdict()).as("the worst outage phase").isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(model.timeline().spans()).containsExactly(
                new VerdictTimeline.Span(ModelVerdict.FAIL_CLOSED, seconds(1.5), seconds(9.5)),
                new VerdictTimeline.Span(ModelVerdict.LOCAL_FUNCTION_KEPT, seconds(9.5), seconds(17)));
        assertThat(model.timeline().describe())
                .isEqualTo("FAIL_CLOSED from +1:30 to +9:30, LOCAL_FUNCTION_KEPT from +9:30 to +17:00");
        assertThat(model.timeline().originSeconds()).as("the first outage phase began after the 1 h baseline")
                .isEqualTo(3600);
        assertThat(model.timeline().resolutionSeconds())
                .as("the longest gap between rounds: from the last round of the first phase to the first of the next")
                .isEqualTo(seconds(3));
    }

    @Test
    void equalRungsMergeAcrossPhases() {
        RunFixture run = kinesis();
        for (int round = 0; round < 3; round++) {
            run.round("kinesis-and-auth-down", round, hours(1.5 + 2.5 * round), DEVICE, all(LOCKED, REFUSED));
            run.round("auth-back-kinesis-down", round, hours(9.5 + 2.5 * round), DEVICE, all(LOCKED, REFUSED));
        }

        assertThat(run.report().model("vacuum-cloud-locked").timeline().spans()).containsExactly(
                new VerdictTimeline.Span(ModelVerdict.FAIL_CLOSED, seconds(1.5), seconds(17)));
    }

    @Test
    void aChangeInsideAPhaseIsPlacedAtTheFirstRoundThatShowsIt() {
        RunFixture run = RunFixture.baselineAndOutage(LOCKED, 1, Duration.ofHours(6));
        ProbeOutcome[] button = {OK, OK, REFUSED, REFUSED, REFUSED, REFUSED};
        for (int round = 0; round < button.length; round++) {
            run.round("outage", round, hours(0.5 + round), DEVICE,
                    Map.of("clean-button", button[round], "scheduled-clean", OK, "clean-from-app", TIMED_OUT));
        }
        ModelReport model = run.report().model("vacuum-cloud-locked");

        assertThat(model.timeline().describe())
                .isEqualTo("LOCAL_FUNCTION_KEPT from +0:30 to +2:30, FAIL_CLOSED from +2:30 to +6:00");
        assertThat(model.timeline().resolutionSeconds()).isEqualTo(seconds(1));
        assertThat(model.verdict()).as("the phase is judged by its worst round: the device came to refuse its button")
                .isEqualTo(ModelVerdict.FAIL_CLOSED);
    }

    @Test
    void roundsInTheSettleTimeArePlacedOnTheTimelineButDoNotJudgeThePhase() {
        RunFixture run = RunFixture.baselineAndOutage(LOCKED, 1, Duration.ofHours(6));
        Map<String, ProbeOutcome> lockedOut = Map.of("clean-button", REFUSED, "scheduled-clean", REFUSED,
                "clean-from-app", TIMED_OUT);
        run.settlingRound("outage", 0, hours(0.5), DEVICE, lockedOut);
        for (int round = 1; round < 6; round++) {
            run.round("outage", round, hours(0.5 + round), DEVICE,
                    Map.of("clean-button", OK, "scheduled-clean", OK, "clean-from-app", TIMED_OUT));
        }
        ModelReport model = run.report().model("vacuum-cloud-locked");

        assertThat(model.timeline().describe())
                .isEqualTo("FAIL_CLOSED from +0:30 to +1:30, LOCAL_FUNCTION_KEPT from +1:30 to +6:00");
        assertThat(model.verdict()).as("judged once the outage had settled").isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertThat(model.functions().get(0).phases().get("outage").total())
                .as("the settle time's probe is not counted in the phase").isEqualTo(5);
    }

    @Test
    void aModelNeverProbedInTheOutageHasNoVerdictAndAnEmptyTimeline() {
        ModelReport model = RunFixture.baselineAndOutage(LOCKED, 1, Duration.ofHours(1))
                .report().model("vacuum-cloud-locked");

        assertThat(model.verdict()).isNull();
        assertThat(model.phases()).isEmpty();
        assertThat(model.timeline().spans()).isEmpty();
        assertThat(model.timeline().describe()).isEqualTo("-");
    }

    /** The phases of the Kinesis outage of 2020: a 1 h baseline, 9 h without auth and ingest, 8 h without ingest. */
    private static RunFixture kinesis() {
        return new RunFixture().model(LOCKED)
                .phase("baseline", PhaseKind.BASELINE, Duration.ofHours(1))
                .phase("kinesis-and-auth-down", PhaseKind.OUTAGE, Duration.ofHours(9))
                .phase("auth-back-kinesis-down", PhaseKind.OUTAGE, Duration.ofHours(8))
                .phase("recovery", PhaseKind.RECOVERY, Duration.ofHours(1))
                .rounds("baseline", 3, LOCKED.id(), all(LOCKED, OK));
    }

    /** Since the start of the outage, 1 h into the run. */
    private static Duration hours(double sinceOutage) {
        return Duration.ofMinutes(Math.round((1 + sinceOutage) * 60));
    }

    private static double seconds(double hours) {
        return hours * 3600;
    }
}
