package io.cloudcut.identity;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.cloudcut.broker.ClientGrants;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.dashboard.mqtt.DiscoveryConfig;
import io.cloudcut.harness.Scenarios;
import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grants of every device kind, read off its dashboard conventions: each covers what the device
 * and the parts around it use, and nothing of a neighbour's (matched as HiveMQ's client library
 * matches topic filters, without a broker).
 */
class GrantsTest {

    private static ScenarioLoader loader;
    private static CloudSpec cloud;

    @BeforeAll
    static void load() throws Exception {
        loader = Scenarios.loader(Project.root());
        cloud = loader.loadCloud(Project.file("clouds/default.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vacuum-local-first", "doorbell-local-chime", "bed-offline-mode"})
    void eachPartMayUseWhatItUsesAndADeviceNothingOfItsNeighbours(String modelId) throws Exception {
        DeviceConventions device = conventions(modelId, "device-1");
        DeviceConventions neighbour = conventions(modelId, "device-2");
        ClientGrants own = Grants.device("device-1", device);

        assertThat(writable("device-1", device)).allMatch(topic -> covered(own.publish(), topic));
        assertThat(List.of(CloudTopics.auth("device-1"), CloudTopics.command("device-1"), DeviceConventions.HOME_ASSISTANT_STATUS))
                .allMatch(topic -> covered(own.subscribe(), topic));
        assertThat(device.commandTopics()).allMatch(topic -> covered(own.subscribe(), topic));

        assertThat(writable("device-2", neighbour).stream().filter(topic -> !topic.startsWith("cloudcut/cloud/")))
                .noneMatch(topic -> covered(own.publish(), topic));
        assertThat(List.of(CloudTopics.auth("device-2"), CloudTopics.command("device-2"), neighbour.stateTopic()))
                .noneMatch(topic -> covered(own.subscribe(), topic));

        ClientGrants status = Grants.statusPublisher(List.of(device, neighbour));
        assertThat(device.retainedTopics()).allMatch(topic -> covered(status.publish(), topic));
        ClientGrants dashboard = Grants.dashboard(List.of(device, neighbour));
        assertThat(device.retainedTopics()).allMatch(topic -> covered(dashboard.subscribe(), topic))
                .noneMatch(topic -> covered(dashboard.publish(), topic));
        assertThat(device.commandTopics()).allMatch(topic -> covered(dashboard.publish(), topic));
        assertThat(CloudTopics.ingest("device-1")).matches(topic -> !covered(dashboard.subscribe(), topic));
    }

    /** What a device writes: events, requests, replies, its dashboard topics (momentary ones too) and discovery configs. */
    private static List<String> writable(String deviceId, DeviceConventions device) {
        List<String> topics = new ArrayList<>(List.of(CloudTopics.ingest(deviceId), CloudTopics.AUTH_REQUEST,
                CloudTopics.COMMAND_REPLY, device.availabilityTopic(), device.stateTopic()));
        device.discovery().stream().map(DiscoveryConfig::topic).forEach(topics::add);
        Stream.of("ring", "motion").map(device::eventMessage).flatMap(Optional::stream)
                .map(DeviceConventions.Message::topic).forEach(topics::add);
        return topics;
    }

    private static boolean covered(List<String> filters, String topic) {
        return filters.stream().anyMatch(filter -> MqttTopicFilter.of(filter).matches(MqttTopic.of(topic)));
    }

    private static DeviceConventions conventions(String modelId, String deviceId) throws Exception {
        return DeviceConventions.of(deviceId, loader.loadModel(Project.file("devices/" + modelId + ".yaml"), cloud));
    }
}
