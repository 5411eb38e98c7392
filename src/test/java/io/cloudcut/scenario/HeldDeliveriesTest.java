package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The faults that can leave the embedded broker without a device's PUBACK are warned about, where written; no other. */
class HeldDeliveriesTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    @TempDir
    Path dir;

    @Test
    void aLossOrAPublishLostOnItsWayToDevicesIsWarnedAtItsFault_aPublishLostFromThemIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("held.yaml"), """
                name: held
                fleet: [{model: doorbell-local-chime}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: cut
                    kind: outage
                    duration: 1h
                    faults:
                      - {link: all, fault: loss, attributes: {probability: 0.05}}
                      - {link: all, fault: lose-publish, direction: upstream}
                      - {link: all, fault: lose-publish, direction: downstream, attributes: {topic: 'cloudcut/devices/+/command'}}
                      - {link: all, fault: drop-publish}
                      - {service: auth, fault: down}
                """);

        assertThat(HeldDeliveries.find(loader.load(file))).extracting(Object::toString).containsExactly(
                file + ":9:21: phases[1].faults[0].fault: on the embedded broker, a QoS 1 message a device never acknowledges "
                        + "(lost by loss) holds every later one to it until the device reconnects: one that keeps its connection "
                        + "stays without its sign-in answers and commands after this fault, where Mosquitto sends them on; run it "
                        + "against the production broker's kind too (--broker)",
                file + ":11:21: phases[1].faults[2].fault: on the embedded broker, a QoS 1 message a device never acknowledges "
                        + "(lost by lose-publish) holds every later one to it until the device reconnects: one that keeps its "
                        + "connection stays without its sign-in answers and commands after this fault, where Mosquitto sends them "
                        + "on; run it against the production broker's kind too (--broker)");
    }

    @Test
    void everyShippedScenarioIsWithoutThem() throws Exception {
        try (var files = Files.list(Project.file("scenarios"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                assertThat(HeldDeliveries.find(loader.load(file))).as(file.toString()).isEmpty();
            }
        }
    }
}
