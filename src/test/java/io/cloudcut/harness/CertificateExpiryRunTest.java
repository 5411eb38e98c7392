package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.report.FunctionReport;
import io.cloudcut.report.HtmlReportWriter;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.Chromium;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cert-expiry fault on one model of a mutual TLS run, with a disconnect in the same phase so that
 * the devices must hand in their lapsed certificates: that model's cloud functions are lost while
 * its local ones are kept, the other model is untouched, the refusals say "certificate expired",
 * and every device is back once the certificates are renewed; the terminal, report.json and report.html
 * say how many devices were refused and why.
 * The run has its baseline measured again if a busy machine made it unhealthy ({@link CliRun#measured}).
 */
class CertificateExpiryRunTest {

    private static final String EXPIRED = "TLS refused: certificate expired";

    /**
     * At 1800x, not the shipped scenarios' 3600x: the untouched doorbell renews its 30 min token with at least
     * 7.5 min of it left, 125 ms of real time at 3600x, and on a loaded machine (event loops 136 ms late, p99)
     * a renewal in a clustered run once came back after the token had lapsed; 250 ms here (as
     * {@link StacksScenarioTest} runs).
     */
    static final String SCENARIO = """
            name: cert-expiry
            description: The local-first vacuums' certificates lapse and they are kicked off; the doorbells keep theirs
            timeScale: 1800
            probe:
              rounds: 2
              timeout: 1500ms
            fleet:
              - model: vacuum-local-first
                count: 2
              - model: doorbell-cloud-only
                count: 1
            phases:
              - name: baseline
                kind: baseline
                duration: 1h
              - name: expired
                kind: outage
                duration: 2h
                faults:
                  - link: vacuum-local-first
                    fault: cert-expiry
                  - link: vacuum-local-first
                    fault: disconnect
              - name: renewed
                kind: recovery
                duration: 2h
            """;

    @Test
    void lapsedCertificates_loseTheModelsCloudFunctions_keepItsLocalOnes_untilRenewed(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("cert-expiry.yaml"), SCENARIO);
        Path reports = dir.resolve("report");

        CliRun run = CliRun.measured("run", scenario.toString(), "--project-dir", Project.root().toString(), "--mtls",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        assertLapsedModelRefusedUntilRenewed(run, reports);
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        // Other causes are not judged, as in assertLapsedModelRefusedUntilRenewed: a loaded CI run once also had a
        // vacuum's TLS connect miss its CONNACK ("no CONNACK within 1000 ms").
        assertThat(report.model("vacuum-local-first").reconnect().refusedDevices()).as("in report.json")
                .containsEntry(EXPIRED, 2);
        assertThat(report.model("doorbell-cloud-only").reconnect().refusedDevices()).doesNotContainKey(EXPIRED);
        ChromeDriver browser = Chromium.start(dir);
        try {
            Chromium.openReport(browser, reports.resolve(HtmlReportWriter.FILE_NAME));
            assertThat(browser.findElements(By.cssSelector("#refusals li"))).extracting(WebElement::getText)
                    .containsExactly("vacuum-local-first: 2 devices were refused (TLS refused: certificate expired)");
        } finally {
            browser.quit();
        }
    }

    /**
     * What {@link #SCENARIO} must show in the terminal, report.json and the observations, wherever its
     * devices ran. Refusals for other causes are not judged here: on a loaded machine a cold TLS
     * handshake may miss its CONNACK (see {@link OutageRunOverTlsTest}).
     */
    static void assertLapsedModelRefusedUntilRenewed(CliRun run, Path reports) throws IOException {
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        ModelReport vacuum = report.model("vacuum-local-first");
        assertThat(vacuum.verdict()).isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        for (FunctionReport function : vacuum.functions()) {
            if (function.path().equals("local")) {
                assertThat(function.phases().get("expired").failed()).as("local %s while expired", function.name()).isZero();
            } else if (function.phases().get("expired").total() > 0) {
                assertThat(function.phases().get("expired").ok()).as("cloud %s while expired", function.name()).isZero();
            }
        }
        ModelReport doorbell = report.model("doorbell-cloud-only");
        for (FunctionReport function : doorbell.functions()) {
            assertThat(function.phases().get("expired").failed()).as("untouched doorbell %s (last failure: %s; its "
                    + "sessions: %s)%n%s", function.name(), function.lastFailure(), doorbell.sessions(), run.out()).isZero();
        }
        for (ModelReport model : report.models()) {
            assertThat(model.recovery().recovered()).as("%s back once renewed", model.model()).isEqualTo(model.devices());
        }
        assertThat(vacuum.reconnect().refusedDevices()).as("in report.json").containsEntry(EXPIRED, 2);
        assertThat(report.model("doorbell-cloud-only").reconnect().refusedDevices()).doesNotContainKey(EXPIRED);
        assertThat(run.out()).contains("vacuum-local-first: 2 devices were refused (TLS refused: certificate expired)");
        String observations = Files.readString(reports.resolve("observations.jsonl"));
        assertThat(observations).contains("\"device\":\"vacuum-local-first-1\",\"model\":\"vacuum-local-first\","
                + "\"change\":\"refused\",\"cause\":\"TLS refused: certificate expired\"");
        assertThat(observations).doesNotContain("\"device\":\"doorbell-cloud-only-1\",\"model\":\"doorbell-cloud-only\","
                + "\"change\":\"refused\",\"cause\":\"" + EXPIRED + "\"");
        assertRefusedOnlyWhileExpired(reports);
    }

    /** Each vacuum's first refusal for its lapsed certificate falls between the start of the phase that lapses its certificate and the renewal. */
    private static void assertRefusedOnlyWhileExpired(Path reports) throws IOException {
        List<Observation> observed = Files.readAllLines(reports.resolve("observations.jsonl")).stream()
                .map(line -> ObservationCodec.decode(new JsonObject(line))).toList();
        Map<String, Long> phaseStarts = observed.stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(PhaseObserved::started).collect(Collectors.toMap(PhaseObserved::phase, PhaseObserved::atMillis));
        Map<String, Long> firstRefusals = observed.stream().filter(ConnectionObserved.class::isInstance)
                .map(ConnectionObserved.class::cast)
                .filter(change -> change.change().equals(ConnectionObserved.Change.REFUSED) && EXPIRED.equals(change.cause()))
                .collect(Collectors.toMap(ConnectionObserved::device, ConnectionObserved::atMillis, Math::min));
        assertThat(firstRefusals).containsOnlyKeys("vacuum-local-first-1", "vacuum-local-first-2")
                .allSatisfy((device, at) -> assertThat(at).as("%s first refused", device)
                        .isBetween(phaseStarts.get("expired"), phaseStarts.get("renewed")));
    }

    @Test
    void certExpiryWithoutClientCertificates_isBadInput(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("cert-expiry.yaml"), SCENARIO);

        CliRun run = CliRun.of("run", scenario.toString(), "--project-dir", Project.root().toString(), "--tls");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("phase 'expired'", "cert-expiry", "--mtls");
    }
}
