package io.cloudcut.harness;

import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cloudcut.harness.ShippedScenario.assertModels;
import static io.cloudcut.harness.ShippedScenario.assertPhase;
import static io.cloudcut.harness.ShippedScenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenarios of the network failing under the devices (DNS in 2025, congestion in
 * us-east-1 in 2021), one device per model, and the outcomes their stories predict.
 */
class NetworkScenariosTest {

    @TempDir
    Path reports;

    @Test
    void dns2025LeavesOpenConnectionsAlone_andTheLockedBedStaysStuckUntilItReconnectsLongAfterTheLookupsWork()
            throws Exception {
        RunReport report = run(reports, "dns-2025");
        Map<String, ModelVerdict> unresolvable = Map.of(
                "bed-cloud-locked", ModelVerdict.STUCK_IN_LAST_STATE,
                "bed-offline-mode", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "vacuum-cloud-locked", ModelVerdict.FAIL_CLOSED,
                "vacuum-local-first", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "doorbell-cloud-only", ModelVerdict.FAIL_CLOSED,
                "doorbell-grace", ModelVerdict.FAIL_CLOSED);
        assertPhase(report, "endpoint-unresolvable", unresolvable);
        assertModels(report, unresolvable);
        assertThat(report.model("doorbell-grace").timeline().spans())
                .filteredOn(span -> span.verdict() == ModelVerdict.FAIL_CLOSED).first()
                .as("its chime outlives its session by the 2 h grace").satisfies(locked ->
                        assertThat(locked.fromSeconds()).isGreaterThanOrEqualTo(Duration.ofHours(2).toSeconds()));
        for (String connected : List.of("vacuum-cloud-locked", "vacuum-local-first", "doorbell-cloud-only", "doorbell-grace")) {
            assertThat(report.model(connected).reconnect().attemptsMax())
                    .as("%s kept the connection it had before the lookups failed", connected).isZero();
        }
        for (String bed : List.of("bed-cloud-locked", "bed-offline-mode")) {
            assertThat(report.model(bed).reconnect().attemptsMax()).as("%s, cut, could not reconnect", bed).isPositive();
            assertThat(report.model(bed).recovery().notBack()).as(bed).isEmpty();
        }
        double lookupsWorkAgain = (Duration.ofHours(2).plusMinutes(52)).toSeconds();
        assertThat(report.model("bed-cloud-locked").timeline().spans())
                .filteredOn(span -> span.verdict() == ModelVerdict.STUCK_IN_LAST_STATE)
                .as("the locked bed, up to 2 h between reconnects, is still stuck after the DNS is back")
                .anySatisfy(stuck -> assertThat(stuck.untilSeconds()).isGreaterThan(lookupsWorkAgain));
        assertThat(report.model("bed-cloud-locked").reconnect().maxSeconds())
                .as("the locked bed reconnects later than the bed with an offline mode")
                .isGreaterThan(report.model("bed-offline-mode").reconnect().maxSeconds());
    }

    @Test
    void usEast2021KeepsLinksUpThroughTheCongestion_whileSignInAndAppCommandsFail() throws Exception {
        RunReport report = run(reports, "us-east-1-2021");
        Map<String, ModelVerdict> surge = Map.of(
                "vacuum-local-first", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "vacuum-cloud-schedule", ModelVerdict.CLOUD_DEPENDENT,
                "doorbell-local-chime", ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertPhase(report, "surge-and-dns-errors", surge);
        assertModels(report, new HashMap<>(surge));
        ModelReport locked = report.model("vacuum-cloud-locked");
        for (String phase : List.of("surge-and-dns-errors", "congestion")) {
            assertThat(locked.phases().get(phase))
                    .as("the locked vacuum in %s: refusing, or stuck cleaning where its session lapsed mid-run; timeline %s",
                            phase, locked.timeline().describe())
                    .isIn(ModelVerdict.FAIL_CLOSED, ModelVerdict.STUCK_IN_LAST_STATE);
        }
        double outageBegan = report.phases().stream().filter(phase -> phase.name().equals("surge-and-dns-errors"))
                .findFirst().orElseThrow().startSeconds();
        double firstLapse = locked.sessions().stream().filter(change -> change.change() == SessionObserved.Change.EXPIRED)
                .mapToDouble(ModelReport.SessionChange::firstAtSeconds).min().orElse(Double.MAX_VALUE);
        assertThat(locked.timeline().spans()).filteredOn(span -> span.verdict() == ModelVerdict.STUCK_IN_LAST_STATE)
                .as("the locked vacuum is stuck only once its session lapsed while it cleaned (first lapse at %.0f s)", firstLapse)
                .allSatisfy(stuck -> assertThat(outageBegan + stuck.untilSeconds()).isGreaterThan(firstLapse));
        assertPhase(report, "congestion", Map.of(
                "vacuum-local-first", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "vacuum-cloud-schedule", ModelVerdict.CLOUD_DEPENDENT,
                "doorbell-local-chime", ModelVerdict.LOCAL_FUNCTION_KEPT));
        for (String model : new String[] {"vacuum-local-first", "vacuum-cloud-schedule", "doorbell-local-chime"}) {
            assertThat(report.model(model).functions()).filteredOn(function -> function.path().equals("local"))
                    .allSatisfy(function -> assertThat(function.verdict()).as("%s %s", model, function.name())
                            .isEqualTo(FunctionVerdict.KEPT));
        }
        assertThat(report.models()).as("congested links time connects and acks out; devices retry")
                .anySatisfy(model -> assertThat(model.reconnect().attemptsMax()).isPositive());
        assertThat(report.services()).anySatisfy(change -> {
            assertThat(change.service()).isEqualTo("commands");
            assertThat(change.condition()).isEqualTo(ServiceObserved.Condition.ERROR);
        });
    }
}
