package io.cloudcut.harness;

import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.cloudcut.harness.ShippedScenario.assertModels;
import static io.cloudcut.harness.ShippedScenario.assertPhase;
import static io.cloudcut.harness.ShippedScenario.observations;
import static io.cloudcut.harness.ShippedScenario.phaseVerdict;
import static io.cloudcut.harness.ShippedScenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenarios of cloud services failing (Kinesis in 2020) or slowing down, one device per
 * model, and the outcomes their stories predict.
 */
class CloudServiceScenariosTest {

    @TempDir
    Path reports;

    @Test
    void kinesis2020LosesTheRoombasScheduleAndRooms_failsTheLockedModelsClosed_andNeverCutsALink() throws Exception {
        RunReport report = run(reports, "kinesis-2020");
        Map<String, ModelVerdict> kinesisDown = Map.of(
                "vacuum-cloud-schedule", ModelVerdict.CLOUD_DEPENDENT,
                "vacuum-cloud-locked", ModelVerdict.FAIL_CLOSED,
                "vacuum-local-first", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "doorbell-cloud-only", ModelVerdict.FAIL_CLOSED,
                "doorbell-cloud-chime", ModelVerdict.CLOUD_DEPENDENT,
                "doorbell-local-chime", ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertPhase(report, "kinesis-down", kinesisDown);
        assertModels(report, kinesisDown);
        assertThat(phaseVerdict(report, "vacuum-cloud-schedule", "room-clean", "kinesis-down"))
                .as("room selection is an app function").isEqualTo(FunctionVerdict.LOST);
        assertThat(phaseVerdict(report, "vacuum-cloud-schedule", "clean-button", "kinesis-down"))
                .as("the Roomba's own button").isEqualTo(FunctionVerdict.KEPT);
        for (String locked : List.of("vacuum-cloud-locked", "doorbell-cloud-only")) {
            assertThat(report.model(locked).phases().get("restart")).as("%s once Cognito is normal again", locked)
                    .isIn(ModelVerdict.FULLY_AVAILABLE, ModelVerdict.LOCAL_FUNCTION_KEPT);
        }
        assertThat(observations(reports, "kinesis-2020")).filteredOn(observation -> observation instanceof ProbeObserved probe
                        && probe.phase().equals("restart") && probe.ok() && probe.path().equals("cloud"))
                .as("what the throttled ingest held the doorbells' alerts for reaches their probes: minutes of scenario time, "
                        + "milliseconds of real time at 3600x")
                .map(ProbeObserved.class::cast)
                .anyMatch(probe -> probe.heldMillis() > 60_000 && probe.heldRealMillis() <= probe.latencyMillis());
        assertThat(report.model("vacuum-local-first").events().lostInCloud())
                .as("status reports acknowledged by the broker while ingest was down never reach it").isPositive();
        assertThat(report.models()).as("no device lost its connection: the summary says nothing of links")
                .allSatisfy(model -> assertThat(model.reconnect().attemptsMax()).as(model.model()).isZero());
    }

    @Test
    void slowCloudDegradesCloudFunctionsAndKeepsLocalOnes() throws Exception {
        RunReport report = run(reports, "slow-cloud");
        ModelReport localFirst = report.model("vacuum-local-first");
        assertThat(localFirst.functions()).allSatisfy(function -> assertThat(function.verdict())
                .isEqualTo(function.path().equals("local") ? FunctionVerdict.KEPT : FunctionVerdict.DEGRADED));
        assertThat(localFirst.verdict()).as("only cloud functions degrade: the primaries are kept")
                .isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
    }
}
