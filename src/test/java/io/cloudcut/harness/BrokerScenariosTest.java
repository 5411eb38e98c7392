package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cloudcut.harness.ShippedScenario.observations;
import static io.cloudcut.harness.ShippedScenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenario of a broker that keeps restarting, one device per model: every device cut at
 * each restart, local functions untouched.
 */
class BrokerScenariosTest {

    @TempDir
    Path reports;

    @Test
    void flappingBrokerCutsEveryDeviceAtEachRestartAndLeavesLocalFunctionsAlone() throws Exception {
        RunReport report = run(reports, "flapping-broker");
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
        Map<String, Long> losses = observations(reports, "flapping-broker").stream()
                .filter(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                .filter(change -> change.change().equals(ConnectionObserved.DOWN))
                .collect(Collectors.groupingBy(ConnectionObserved::device, Collectors.counting()));
        assertThat(losses).as("every device cut at each restart").hasSize(3)
                .allSatisfy((device, count) -> assertThat(count).as(device).isGreaterThanOrEqualTo(restarts.size()));
        // A restart takes about 5 s of real time, measured as such: probes rarely meet it (the old clock
        // made each one 5 minutes of scenario time at 60x).
    }
}
