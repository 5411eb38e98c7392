package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage, one device a model, with every link on the proxy's one shared port: the same
 * verdicts as with a port a link (a blackhole holds a device's connection either way).
 */
class OutageRunOnOneProxyPortTest {

    @Test
    void theShortOutageGivesTheSameVerdictsWithEveryLinkOnOnePort(@TempDir Path reports) throws Exception {
        CliRun run = CliRun.measured("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--devices-per-model", "1", "--one-proxy-port", "--report-dir", reports.toString());

        assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
        assertThat(run.err()).contains("4 devices through one proxy port");
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        OutageVerdicts.assertShortOutageVerdicts(report);
    }
}
