package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage with every device on mutual TLS (its own certificate, verified; the broker's
 * verified too), one device per model: encryption must not change the answer.
 * It once ran alone, the fleet's TLS handshakes at the start costing CPU that beside other forks read
 * as an unhealthy harness baseline; with the forks' client compiler only (see {@code pom.xml}) it
 * runs beside them.
 */
class OutageRunOverTlsTest {

    @Test
    void theShortOutageGivesTheSameVerdictsOverMutualTls(@TempDir Path reports) throws Exception {
        CliRun run = CliRun.measured("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--mtls", "--devices-per-model", "1", "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        assertThat(report.broker()).contains("TLS on");
        OutageVerdicts.assertShortOutageVerdicts(report);
        // Attempts into the blackhole fail for want of a CONNACK, and over TLS say so; none for a certificate.
        assertThat(Files.readString(reports.resolve("observations.jsonl")))
                .contains("\"change\":\"refused\",\"cause\":\"no CONNACK within 1000 ms\"")
                .doesNotContain("TLS refused");
    }
}
