package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.RunsAlone;
import io.cloudcut.testing.WorkerCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS with the devices on two worker JVMs of a cluster on loopback: each worker makes its
 * devices' and its proxy's keys, the coordinator's CA certifies them over the event bus, and the
 * devices present their certificates through the worker's proxy to the embedded broker. The short
 * outage gives the verdicts it gives in one process ({@link OutageRunOverTlsTest}), and a cert-expiry
 * fault reaches the workers' devices as it reaches local ones ({@link CertificateExpiryRunTest}).
 * At 1200x, as {@link ClusteredRunTest} says why.
 */
@RunsAlone
class ClusteredTlsRunTest {

    @TempDir
    static Path dir;

    static WorkerCluster cluster;

    @BeforeAll
    static void startTwoWorkers() throws Exception {
        cluster = WorkerCluster.start(dir, "w1", "w2");
    }

    @AfterAll
    static void stopTheWorkers() {
        cluster.close();
    }

    @Test
    void theShortOutageOverMutualTlsOnWorkers_givesTheVerdictsOfOneProcess_andCountsEveryDeviceOnce() throws Exception {
        Path reports = dir.resolve("short-outage");

        CliRun run = ClusteredRunTest.runOn(cluster, "scenarios/short-outage.yaml", "--mtls", "--time-scale", "1200",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nworkers:%n%s", run.err(), cluster.output()).isZero();
        assertThat(run.err()).contains("8 devices on workers w1, w2");
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        assertThat(report.broker()).contains("TLS on");
        OutageVerdicts.assertShortOutageVerdicts(report);
        ClusteredRunTest.assertEveryDeviceCountedOnce(reports, report, 2);
        // Attempts into the blackhole fail for want of a CONNACK, and over TLS say so; none for a certificate.
        assertThat(Files.readString(reports.resolve("observations.jsonl")))
                .contains("\"change\":\"refused\",\"cause\":\"no CONNACK within 1000 ms\"")
                .doesNotContain("TLS refused");
    }

    /** The scenario's two vacuums go one to each worker (a device in turn to each), so each worker's lapse is seen. */
    @Test
    void aCertExpiryFault_takesTheWorkersDevicesOffline_untilRenewed() throws Exception {
        Path scenario = Files.writeString(dir.resolve("cert-expiry.yaml"), CertificateExpiryRunTest.SCENARIO);
        Path reports = dir.resolve("cert-expiry");

        CliRun run = ClusteredRunTest.runOn(cluster, scenario.toString(), "--mtls", "--time-scale", "1200",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nworkers:%n%s", run.err(), cluster.output()).isZero();
        assertThat(run.err()).contains("3 devices on workers w1, w2");
        CertificateExpiryRunTest.assertLapsedModelRefusedUntilRenewed(run, reports);
        // vacuum-local-first-1 and doorbell-cloud-only-1 on one, vacuum-local-first-2 on the other.
        assertThat(cluster.output()).contains("starting 2 devices", "starting 1 devices");
    }
}
