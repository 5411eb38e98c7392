package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.WorkerCluster;
import io.cloudcut.trust.PemFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS with the devices on two worker JVMs of a cluster on loopback: each worker makes its
 * devices' and its proxy's keys, the coordinator's CA certifies them over the event bus, and the
 * devices present their certificates through the worker's proxy to the embedded broker. The short
 * outage gives the verdicts it gives in one process ({@link OutageRunOverTlsTest}), and a cert-expiry
 * fault reaches the workers' devices as it reaches local ones ({@link CertificateExpiryRunTest});
 * against an external broker over TLS, the workers trust its CA ({@link OutageRunOnTlsMosquittoTest}).
 * The short outage at its 3600x, as {@link ClusteredRunTest} runs; the cert-expiry run at its scenario's 1800x.
 */
@ExtendWith(WorkerCluster.TwoWorkers.class)
class ClusteredTlsRunTest {

    @TempDir
    static Path dir;

    /** Shared with {@link ClusteredRunTest}: it hosts one run at a time, whoever's. */
    static WorkerCluster cluster;

    @BeforeAll
    static void takeTheTwoWorkers(WorkerCluster twoWorkers) {
        cluster = twoWorkers;
    }

    @Test
    void theShortOutageOverMutualTlsOnWorkers_givesTheVerdictsOfOneProcess_andCountsEveryDeviceOnce() throws Exception {
        Path reports = dir.resolve("short-outage");

        CliRun run = ClusteredRunTest.runOn(cluster, "scenarios/short-outage.yaml", "--mtls",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nworkers:%n%s", run.out(), run.err(), cluster.output()).isZero();
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

    /**
     * Against a Mosquitto that listens only over TLS, with a CA made in the test: the workers' proxies
     * trust its CA as the coordinator's clients do, and devices speak TLS of the run's own to them. One
     * device a model, as {@link OutageRunOverTlsTest} has: four JVMs doing TLS on two cores are enough.
     */
    @Test
    void theShortOutageOnWorkers_againstAnExternalBrokerOverTls_givesTheVerdictsOfOneProcess(@TempDir Path pki)
            throws Exception {
        PemFiles files = PemFiles.write(pki);
        Path reports = dir.resolve("tls-mosquitto");
        try (Mosquitto mosquitto = Mosquitto.start(OutageRunOnTlsMosquittoTest.mosquittoOverTls(files, false))) {
            CliRun run = ClusteredRunTest.runOn(cluster, "scenarios/short-outage.yaml", "--tls",
                    "--broker", "mqtts://127.0.0.1:" + mosquitto.port(), "--broker-ca", files.ca().toString(),
                    "--devices-per-model", "1", "--report-dir", reports.toString());

            assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nworkers:%n%s", run.out(), run.err(), cluster.output()).isZero();
        }
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        assertThat(report.broker()).contains("external", "mqtts://127.0.0.1:");
        OutageVerdicts.assertShortOutageVerdicts(report);
        ClusteredRunTest.assertEveryDeviceCountedOnce(reports, report, 1);
    }

    /** The scenario's two vacuums go one to each worker (a device in turn to each), so each worker's lapse is seen. */
    @Test
    void aCertExpiryFault_takesTheWorkersDevicesOffline_untilRenewed() throws Exception {
        Path scenario = Files.writeString(dir.resolve("cert-expiry.yaml"), CertificateExpiryRunTest.SCENARIO);
        Path reports = dir.resolve("cert-expiry");
        List<Integer> before = cluster.printed();

        CliRun run = ClusteredRunTest.runOn(cluster, scenario.toString(), "--mtls",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nworkers:%n%s", run.out(), run.err(), cluster.output()).isZero();
        assertThat(run.err()).contains("3 devices on workers w1, w2");
        CertificateExpiryRunTest.assertLapsedModelRefusedUntilRenewed(run, reports);
        // vacuum-local-first-1 and doorbell-cloud-only-1 on one, vacuum-local-first-2 on the other.
        assertThat(String.join("", cluster.printedSince(before))).contains("starting 2 devices", "starting 1 devices");
    }
}
