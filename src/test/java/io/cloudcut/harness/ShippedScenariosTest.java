package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped scenario runs, with one device per model, and gives the outcomes its story predicts:
 * per outage phase and headline, in the verdict ladder's words.
 */
class ShippedScenariosTest {

    @TempDir
    Path reports;

    @Test
    void kinesis2020LosesTheRoombasScheduleAndRooms_failsTheLockedModelsClosed_andNeverCutsALink() throws Exception {
        RunReport report = run("kinesis-2020");
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
        assertThat(report.model("vacuum-local-first").events().lostInCloud())
                .as("status reports acknowledged by the broker while ingest was down never reach it").isPositive();
        assertThat(report.models()).as("no device lost its connection: the summary says nothing of links")
                .allSatisfy(model -> assertThat(model.reconnect().attemptsMax()).as(model.model()).isZero());
    }

    @Test
    void dns2025LeavesOpenConnectionsAlone_andTheLockedBedStaysStuckUntilItReconnectsLongAfterTheLookupsWork()
            throws Exception {
        RunReport report = run("dns-2025");
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
        RunReport report = run("us-east-1-2021");
        Map<String, ModelVerdict> surge = Map.of(
                "vacuum-cloud-locked", ModelVerdict.FAIL_CLOSED,
                "vacuum-local-first", ModelVerdict.LOCAL_FUNCTION_KEPT,
                "vacuum-cloud-schedule", ModelVerdict.CLOUD_DEPENDENT,
                "doorbell-local-chime", ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertPhase(report, "surge-and-dns-errors", surge);
        assertModels(report, surge);
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
            assertThat(change.condition()).isEqualTo("error");
        });
    }

    @Test
    void slowCloudDegradesCloudFunctionsAndKeepsLocalOnes() throws Exception {
        RunReport report = run("slow-cloud");
        ModelReport localFirst = report.model("vacuum-local-first");
        assertThat(localFirst.functions()).allSatisfy(function -> assertThat(function.verdict())
                .isEqualTo(function.path().equals("local") ? FunctionVerdict.KEPT : FunctionVerdict.DEGRADED));
        assertThat(localFirst.verdict()).as("only cloud functions degrade: the primaries are kept")
                .isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
    }

    @Test
    void flappingBrokerCutsEveryDeviceAtEachRestartAndLeavesLocalFunctionsAlone() throws Exception {
        RunReport report = run("flapping-broker");
        for (ModelReport model : report.models()) {
            for (var function : model.functions()) {
                if (function.path().equals("local")) {
                    assertThat(function.verdict()).as("%s %s", model.model(), function.name()).isEqualTo(FunctionVerdict.KEPT);
                }
            }
            assertThat(model.recovery().notBack()).isEmpty();
        }
        List<RunReport.ServiceChange> restarts = report.services().stream()
                .filter(change -> change.service().equals("broker")).toList();
        assertThat(restarts).as("a restart every 7 min for 30 min").hasSizeGreaterThanOrEqualTo(4);
        Map<String, Long> losses = observations("flapping-broker").stream()
                .filter(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                .filter(change -> change.change().equals(ConnectionObserved.DOWN))
                .collect(Collectors.groupingBy(ConnectionObserved::device, Collectors.counting()));
        assertThat(losses).as("every device cut at each restart").hasSize(3)
                .allSatisfy((device, count) -> assertThat(count).as(device).isGreaterThanOrEqualTo(restarts.size()));
        // A restart takes about 5 s of real time, measured as such: probes rarely meet it (the old clock
        // made each one 5 minutes of scenario time at 60x).
    }

    private List<Observation> observations(String scenario) throws Exception {
        return Files.readAllLines(reports.resolve(scenario).resolve("observations.jsonl")).stream()
                .map(JsonObject::new).map(ObservationCodec::decode).toList();
    }

    private RunReport run(String scenario) throws Exception {
        Path dir = reports.resolve(scenario);
        CliRun run = CliRun.of("run", "scenarios/" + scenario + ".yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "1", "--report-dir", dir.toString());
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        RunReport report = JsonReportWriter.read(dir.resolve("report.json"));
        for (ModelReport model : report.models()) {
            assertThat(model.functions()).allSatisfy(function -> assertThat(function.phases().get("baseline").failed())
                    .as("%s %s in the baseline", model.model(), function.name()).isZero());
            assertThat(model.events().balanced()).isTrue();
        }
        return report;
    }

    /** Each model's headline, the worst of its outage phases. */
    private static void assertModels(RunReport report, Map<String, ModelVerdict> expected) {
        expected.forEach((model, verdict) -> assertThat(report.model(model).verdict()).as(model).isEqualTo(verdict));
    }

    private static void assertPhase(RunReport report, String phase, Map<String, ModelVerdict> expected) {
        expected.forEach((model, verdict) -> assertThat(report.model(model).phases().get(phase))
                .as("%s in %s; timeline %s", model, phase, report.model(model).timeline().describe()).isEqualTo(verdict));
    }

    private static FunctionVerdict phaseVerdict(RunReport report, String model, String function, String phase) {
        return report.model(model).functions().stream().filter(f -> f.name().equals(function)).findFirst()
                .orElseThrow().phases().get(phase).verdict();
    }
}
