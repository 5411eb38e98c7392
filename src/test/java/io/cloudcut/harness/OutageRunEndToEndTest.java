package io.cloudcut.harness;

import io.cloudcut.observation.SessionObserved;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.PhaseCounts;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage scenario through the command line, on the embedded broker, over real TCP: the
 * verdicts come out of the devices' behaviour against the cut cloud.
 */
class OutageRunEndToEndTest {

    @TempDir
    static Path reports;

    static CliRun run;
    static RunReport report;

    @BeforeAll
    static void runTheShortOutage() throws Exception {
        run = CliRun.measured("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--report-dir", reports.toString());
        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        report = JsonReportWriter.read(reports.resolve("report.json"));
    }

    @Test
    void failClosedAndLocalFirstModelsComeOutAsTheirFirmwareBehaves() {
        OutageVerdicts.assertShortOutageVerdicts(report);
    }

    /**
     * A local-first device buffers its events through the outage and delivers them once it is over, 55-85 min of scenario
     * time after they were raised: those alerts and reports did not work during the outage. A probe waits on the scenario
     * clock (probe.lostAfter) no longer than its phase; with a wait that ran on past the phase, they read DEGRADED.
     */
    @Test
    void eventsBufferedThroughTheOutageAndDeliveredAfterIt_didNotWorkDuringIt() {
        assertThat(List.of(outage("doorbell-local-chime", "motion-alert"), outage("doorbell-local-chime", "push-notification"),
                outage("vacuum-local-first", "status-report")))
                .allSatisfy(counts -> {
                    assertThat(counts.ok()).as("%s", counts).isZero();
                    assertThat(counts.verdict()).isEqualTo(FunctionVerdict.LOST);
                });
    }

    private static PhaseCounts outage(String model, String function) {
        return report.model(model).function(function).phases().get("outage");
    }

    @Test
    void theTerminalShowsTheVerdictMatrixAndProgress() {
        assertThat(run.out()).contains("model", "function", "baseline", "outage", "recovery", "verdict",
                "FAIL_CLOSED", "LOCAL_FUNCTION_KEPT", "clean-button");
        assertThat(run.err()).contains("time scale 3600x", "phase 1/3 baseline", "phase 2/3 outage",
                "clock: real time for", "probes round", "harness over the baseline", "healthy", "recovered");
    }

    /**
     * Over plain TCP a device tells an attempt that ran out of time, as over TLS: under the blackhole every device's
     * attempts got no CONNACK, and the harness hears of such time-outs (they are this machine's where nothing is faulted).
     */
    @Test
    void devicesTellAttemptsThatRanOutOfTimeUnderTheBlackhole() {
        assertThat(report.models()).allSatisfy(model -> assertThat(model.reconnect().refusedDevices())
                .as(model.model()).containsEntry("no CONNACK within 1000 ms", model.devices()));
    }

    /** By default every part of the run logged in as itself: the broker let no one in anonymously. */
    @Test
    void theRunsBrokerAdmitsOnlyItsIdentities() {
        assertThat(run.err()).contains("(in-memory, identities and ACLs)",
                "MQTT dashboards log in as cloudcut-dashboard with password");
    }

    @Test
    void theReportNamesTheFieldsThatToolsRead() throws Exception {
        String json = Files.readString(reports.resolve("report.json"));
        assertThat(json).contains("\"scenario\"", "\"models\"", "\"model\"", "\"kind\"", "\"devices\"", "\"verdict\"",
                "\"functions\"", "\"name\"", "\"path\"", "\"phases\"", "\"ok\"", "\"failed\"", "\"recovery\"",
                "\"recovered\"", "\"notRecovered\"", "\"needsAPerson\"", "\"p50Seconds\"", "\"p95Seconds\"",
                "\"maxSeconds\"", "\"timeline\"", "\"resolutionSeconds\"", "\"spans\"");
        assertThat(reports.resolve("observations.jsonl")).isNotEmptyFile();
    }

    /**
     * The outage's links are cut before ingest goes down, and ingest is up before they heal: the order the run
     * changes things in is never a state of neither phase. With the links healed first, a device of 1,000 that
     * reconnected at once delivered its offline buffer to an ingest still down, lost in the cloud for the
     * harness's reasons.
     */
    @Test
    void theLinksAreCutBeforeTheCloudGoesDownAndTheCloudIsUpBeforeTheyHeal() throws Exception {
        List<JsonObject> changes = Files.readAllLines(reports.resolve("observations.jsonl")).stream().map(JsonObject::new)
                .filter(observed -> observed.getString("type").equals("fault")
                        || observed.getString("type").equals("service") && observed.getString("service").equals("ingest"))
                .toList();
        List<Integer> order = List.of(
                first(changes, change -> change.getString("fault", "").equals("blackhole link all") && change.getBoolean("applied")),
                first(changes, change -> "down".equals(change.getString("condition"))),
                first(changes, change -> "up".equals(change.getString("condition"))),
                first(changes, change -> change.getString("fault", "").equals("blackhole link all") && !change.getBoolean("applied")));
        assertThat(order).as("links cut, ingest down, ingest up, links healed: %s", changes)
                .doesNotContain(-1).isSorted().doesNotHaveDuplicates();
    }

    private static int first(List<JsonObject> changes, Predicate<JsonObject> which) {
        return IntStream.range(0, changes.size()).filter(i -> which.test(changes.get(i))).findFirst().orElse(-1);
    }

    @Test
    void cloudFunctionsFailForTheReasonTheCloudGives() {
        var locked = report.model("vacuum-cloud-locked").functions().stream()
                .filter(function -> function.name().equals("clean-button")).findFirst().orElseThrow();
        assertThat(locked.phases().get("outage").refused()).as("the locked vacuum refuses its own button").isPositive();
        var sessions = report.model("vacuum-cloud-locked").sessions();
        assertThat(sessions).anySatisfy(change -> assertThat(change.change()).isEqualTo(SessionObserved.Change.EXPIRED));
    }
}
