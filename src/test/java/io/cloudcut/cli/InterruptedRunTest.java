package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.CloudCutJvm;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run stopped by SIGTERM in the middle of its outage, in a JVM of its own: its observations were
 * on disk as they came, it ends like any run, writes the report of what it observed with the
 * interruption said, and exits 3. {@code cloudcut report} reads the same back.
 */
class InterruptedRunTest {

    private static final String SCENARIO = """
            name: cut-short
            timeScale: 60
            probe: {rounds: 2, timeout: 1500ms}
            fleet: [{model: doorbell-local-chime}]
            phases:
              - {name: baseline, kind: baseline, duration: 10m}
              - {name: ingest-down, kind: outage, duration: 3h, faults: [{service: ingest, fault: down}]}
              - {name: recovery, kind: recovery, duration: 1h}
            """;

    @TempDir
    Path dir;

    @Test
    void sigtermWritesTheReportSoFarAndSaysTheRunWasInterrupted() throws Exception {
        Path scenario = Files.writeString(dir.resolve("cut-short.yaml"), SCENARIO);
        Path reportDir = dir.resolve("report");
        Path err = dir.resolve("stderr.txt");
        Path out = dir.resolve("stdout.txt");
        Process run = new ProcessBuilder(CloudCutJvm.command("512m", "run",
                scenario.toString(), "--project-dir", Project.root().toString(), "--no-color",
                "--report-dir", reportDir.toString()))
                .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(run.isAlive()).as("the run ended early:%n%s", Files.readString(err)).isTrue();
                return Files.readString(err).contains("phase 2/3 ingest-down");
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(reportDir.resolve("observations.jsonl"))
                    .contains("\"phase\":\"ingest-down\",\"kind\":\"outage\",\"started\":true"));
        } finally {
            run.destroy();
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> !run.isAlive());

        assertThat(run.exitValue()).as("stderr:%n%s", Files.readString(err)).isEqualTo(3);
        assertThat(Files.readString(out)).contains("INTERRUPTED: the run was stopped before its timeline ended",
                "phases finished: baseline; stopped in ingest-down");
        JsonObject report = new JsonObject(Files.readString(reportDir.resolve("report.json")));
        assertThat(report.getBoolean("interrupted")).isTrue();
        JsonArray phases = report.getJsonArray("phases");
        assertThat(phases.getJsonObject(0).getDouble("endSeconds")).as("the baseline ended").isPositive();
        assertThat(phases.getJsonObject(2).getDouble("startSeconds")).as("the recovery never began").isZero();
        List<String> stream = Files.readAllLines(reportDir.resolve("observations.jsonl"));
        JsonObject last = new JsonObject(stream.get(stream.size() - 1));
        assertThat(last.getString("type")).isEqualTo("run-ended");
        assertThat(last.getBoolean("interrupted")).isTrue();
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("INTERRUPTED");
        assertThat(Files.readString(reportDir.resolve("junit.xml"))).as("a CI server sees an error, whatever was met")
                .contains("<testcase name=\"the run played its whole timeline\"", "<error message=\"INTERRUPTED: ");

        CliRun again = CliRun.of("report", reportDir.toString(), "--out", dir.resolve("again").toString(), "--no-color");
        assertThat(again.exitCode()).as("stderr:%n%s", again.err()).isEqualTo(3);
        assertThat(again.out()).contains("INTERRUPTED");
    }
}
