package io.cloudcut.scenario;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A topic narrower than '#' on an MQTT 5 fleet is warned about at its topic; '#', or a fleet on MQTT 3.1.1, is not. */
class AliasedPublishesTest {

    private final ScenarioLoader loader = new ScenarioLoader(Project.root());

    @TempDir
    Path dir;

    @Test
    void aNarrowTopicOnAnMqtt5FleetIsWarnedAtItsTopic_everyTopicOrAnMqtt311FleetIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("aliased.yaml"), """
                name: aliased
                fleet: [{model: doorbell-local-chime}, {model: vacuum-local-first}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: cut
                    kind: outage
                    duration: 1h
                    faults:
                      - {link: all, fault: drop-publish, attributes: {topic: 'cloudcut/devices/+/auth'}}
                      - {link: all, fault: lose-publish, attributes: {topic: '#'}}
                      - {link: vacuum-local-first, fault: delay-publish, attributes: {topic: 'valetudo/#'}}
                """);
        Scenario onVertx = loader.load(file);

        assertThat(AliasedPublishes.find(onVertx)).as("MQTT 3.1.1 has no aliases").isEmpty();
        assertThat(AliasedPublishes.find(onVertx.withClient("hivemq-v5"))).extracting(Object::toString).containsExactly(
                file + ":9:55: phases[1].faults[0].attributes.topic: doorbell-local-chime, vacuum-local-first speak MQTT 5: a "
                        + "PUBLISH by a topic alias set before this fault began, on a connection it did not cut, has no topic "
                        + "the proxy saw, and only '#' matches it; through 'cloudcut/devices/+/auth' it passes",
                file + ":11:71: phases[1].faults[2].attributes.topic: vacuum-local-first speaks MQTT 5: a PUBLISH by a topic "
                        + "alias set before this fault began, on a connection it did not cut, has no topic the proxy saw, and "
                        + "only '#' matches it; through 'valetudo/#' it passes");
    }
}
