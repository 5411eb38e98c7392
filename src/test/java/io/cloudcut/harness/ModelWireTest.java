package io.cloudcut.harness;

import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A worker runs the very model the coordinator loaded: every shipped model arrives equal, overrides included. */
class ModelWireTest {

    @Test
    void everyShippedModelArrivesAsItLeft() throws Exception {
        ScenarioLoader loader = new ScenarioLoader(Project.root());
        CloudSpec cloud = loader.loadCloud(Project.file("clouds/default.yaml"));
        List<Path> files;
        try (Stream<Path> listed = Files.list(Project.file("devices"))) {
            files = listed.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (Path file : files) {
            DeviceModel model = loader.loadModel(file, cloud);
            // Through the text the event bus carries, not the object.
            JsonObject carried = new JsonObject(ModelWire.encode(model).encode());
            assertThat(ModelWire.decode(carried)).as(file.getFileName().toString()).isEqualTo(model);
        }
    }

    @Test
    void anOverriddenClientStackTravelsWithTheModel() throws Exception {
        ScenarioLoader loader = new ScenarioLoader(Project.root());
        DeviceModel model = loader.load(Project.file("scenarios/short-outage.yaml")).withClient("hivemq-v5")
                .model("vacuum-local-first");
        assertThat(ModelWire.decode(ModelWire.encode(model)).client()).isEqualTo("hivemq-v5");
    }

    @Test
    void somethingElseIsNoModel() {
        assertThatThrownBy(() -> ModelWire.decode(new JsonObject().put("kind", "toaster")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a device model");
    }
}
