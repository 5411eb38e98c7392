package io.cloudcut.harness;

import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Mosquitto;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The same short outage against a real Mosquitto as the external broker: the answer must not depend on the broker. */
class OutageRunOnMosquittoTest {

    @Test
    void theShortOutageGivesTheSameVerdictsOnMosquitto(@TempDir Path reports) throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start()) {
            CliRun run = CliRun.measured("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                    "--broker", mosquitto.uri(), "--report-dir", reports.toString());
            assertThat(run.exitCode()).as("exit code; %s", run.transcript()).isZero();
            RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
            assertThat(report.broker()).contains("external", mosquitto.uri());
            OutageVerdicts.assertShortOutageVerdicts(report);
        }
    }
}
