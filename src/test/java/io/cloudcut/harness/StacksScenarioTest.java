package io.cloudcut.harness;

import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.report.JsonReportWriter;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short outage scenario through the command line on each MQTT client stack: the firmware is the
 * same, so the verdicts must be too, every device recovered; what may differ is how fast, which is
 * printed per stack (target/surefire-reports/*-output.txt).
 */
class StacksScenarioTest {

    static Stream<String> stacks() {
        return MqttStacks.names().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyStackGivesTheShortOutageItsVerdicts_everyDeviceRecovered(String stack, @TempDir Path reports)
            throws Exception {
        CliRun run = CliRun.of("run", "scenarios/short-outage.yaml", "--project-dir", Project.root().toString(),
                "--client", stack, "--report-dir", reports.toString());
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        RunReport report = JsonReportWriter.read(reports.resolve("report.json"));
        printComparison(stack, report);

        assertThat(report.models()).extracting(ModelReport::client).containsOnly(stack);
        OutageVerdicts.assertShortOutageVerdicts(report);
    }

    /** Printed before the assertions, so a stack that fails them still shows how far it got. */
    private static void printComparison(String stack, RunReport report) {
        StringBuilder table = new StringBuilder(String.format("%s: wall %.1f s%n", stack, report.wallSeconds()));
        for (ModelReport model : report.models()) {
            table.append(String.format(
                    "  %-22s recovered %d/%d  recovery p50/max %6.0f / %6.0f s (wall %.2f / %.2f s)"
                            + "  reconnect p50/max %6.0f / %6.0f s%n",
                    model.model(), model.recovery().recovered(), model.devices(),
                    model.recovery().p50Seconds(), model.recovery().maxSeconds(),
                    model.recovery().wallP50Seconds(), model.recovery().wallMaxSeconds(),
                    model.reconnect().p50Seconds(), model.reconnect().maxSeconds()));
        }
        System.out.print(table);
    }
}
