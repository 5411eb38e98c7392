package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet resized with {@code --devices-per-model} meets the cloud its scenario wrote for its own fleet,
 * resized with it: throttled services' capacities and the bound on events lost in the cloud, nothing else.
 */
class FleetResizeTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    @Test
    void kinesisAt750AModelMeetsAThrottledCloud300TimesAsLarge() throws Exception {
        Scenario written = loader.load(Project.file("scenarios/kinesis-2020.yaml"));
        assertThat(written.deviceCount()).isEqualTo(15);

        Scenario resized = written.withDevicesPerModel(750);

        assertThat(written.fleetFactor(750)).isEqualTo(300);
        assertThat(resized.deviceCount()).isEqualTo(4500);
        assertThat(fault(resized, "restart-and-cognito-fix", "ingest").rate()).isEqualTo(Rate.parse("300/min"));
        assertThat(fault(resized, "restart-and-cognito-fix", "ingest").queue()).isEqualTo(6000);
        assertThat(fault(resized, "restart", "ingest").rate()).isEqualTo(Rate.parse("900/min"));
        assertThat(fault(resized, "kinesis-down", "ingest")).isEqualTo(fault(written, "kinesis-down", "ingest"));
        assertThat(lostInCloudAtMost(resized)).isEqualTo(450_000);
        assertThat(resized.expectations().stream().filter(expectation -> expectation.events() == null).toList())
                .isEqualTo(written.expectations().stream().filter(expectation -> expectation.events() == null).toList());
    }

    @Test
    void aSmallerFleetMeetsASmallerCloud_readably() throws Exception {
        Scenario resized = loader.load(Project.file("scenarios/kinesis-2020.yaml")).withDevicesPerModel(1);

        assertThat(fault(resized, "restart", "ingest").attributes()).containsEntry("rate", "1.2/min").containsEntry("queue", 8);
        assertThat(fault(resized, "restart-and-cognito-fix", "auth").rate()).isEqualTo(Rate.parse("0.4/min"));
        assertThat(lostInCloudAtMost(resized)).isEqualTo(600);
    }

    @Test
    void aQueueLeftToItsDefaultIsResizedToo_andNoQueueStaysNone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("throttled.yaml"), """
                name: throttled
                fleet: [{model: doorbell-local-chime, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: outage
                    kind: outage
                    duration: 1h
                    faults:
                      - {service: ingest, fault: throttled, attributes: {rate: 10/min}}
                      - {service: auth, fault: throttled, attributes: {rate: 10/min, queue: 0}}
                      - {link: all, fault: latency, attributes: {latency: 100}}
                  - {name: recovery, kind: recovery, duration: 1h}
                """);
        Scenario written = loader.load(file);

        Scenario resized = written.withDevicesPerModel(5);

        assertThat(fault(resized, "outage", "ingest").queue()).isEqualTo(250);
        assertThat(fault(resized, "outage", "ingest").rate()).isEqualTo(Rate.parse("25/min"));
        assertThat(fault(resized, "outage", "auth").queue()).isZero();
        assertThat(resized.phases().get(1).faults().get(2)).isEqualTo(written.phases().get(1).faults().get(2));
        assertThat(written.withDevicesPerModel(2)).isEqualTo(written);
    }

    private static FaultSpec fault(Scenario scenario, String phase, String service) {
        return scenario.phases().stream().filter(p -> p.name().equals(phase)).findFirst().orElseThrow().faults().stream()
                .filter(fault -> service.equals(fault.service())).findFirst().orElseThrow();
    }

    private static long lostInCloudAtMost(Scenario scenario) {
        List<Long> bounds = scenario.expectations().stream().filter(expectation -> expectation.events() != null)
                .map(expectation -> expectation.events().lostInCloudAtMost()).toList();
        assertThat(bounds).hasSize(1);
        return bounds.get(0);
    }
}
