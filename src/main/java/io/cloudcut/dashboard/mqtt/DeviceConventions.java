package io.cloudcut.dashboard.mqtt;

import io.cloudcut.scenario.DeviceModel;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How one device shows in MQTT dashboards (Home Assistant, MQTT Explorer, Node-RED), by the topics
 * and payloads of the real integration its kind follows: a retained availability topic that is also
 * the connection's Last Will, a retained state topic, Home Assistant discovery configs, and, for a
 * device that takes them, a command topic.
 */
public interface DeviceConventions {

    String ONLINE = "online";
    String OFFLINE = "offline";
    /**
     * Where Home Assistant announces itself ({@code online} when it starts): devices then send their
     * discovery configs again, as Home Assistant asks of MQTT devices.
     */
    String HOME_ASSISTANT_STATUS = "homeassistant/status";

    /** The conventions of this device, by its model's kind. */
    static DeviceConventions of(String deviceId, DeviceModel model) {
        return switch (model.kind()) {
            case VACUUM -> new VacuumConventions(deviceId, model.id());
            case DOORBELL -> new DoorbellConventions(deviceId, model.id());
            case BED -> new BedConventions(deviceId, model.id());
        };
    }

    /** The root of the device's own topics: availability, state, momentary events and commands lie under it. */
    String baseTopic();

    /** Retained {@link #ONLINE} while connected, {@link #OFFLINE} as the Last Will and on a clean stop. */
    String availabilityTopic();

    /** Retained JSON {@code {"state": ..., readings...}}, published when it changes. */
    String stateTopic();

    /** The state topic's payload for a state and the device's readings (a bed's temperature level, say). */
    default JsonObject statePayload(String state, JsonObject readings) {
        return readings.copy().put("state", state);
    }

    /** Where a dashboard sends commands to this device: none for a device that takes none. */
    default List<String> commandTopics() {
        return List.of();
    }

    /**
     * What a message on one of the command topics asks, as it would come on the local network; empty
     * when the payload is no command this device knows, or a value its control cannot take (counted
     * and rejected by the device).
     */
    default Optional<DashboardCommand> command(String topic, String payload) {
        return Optional.empty();
    }

    /**
     * The momentary message a device event shows as in a dashboard (a doorbell's ring, motion), not
     * retained; empty when the event has none.
     */
    default Optional<Message> eventMessage(String eventKind) {
        return Optional.empty();
    }

    /** The device's Home Assistant discovery configs: published retained once, cleared at the end of a run. */
    List<DiscoveryConfig> discovery();

    /** Every retained topic the device writes: what is cleared when a run ends. */
    default List<String> retainedTopics() {
        List<String> topics = new ArrayList<>(discovery().stream().map(DiscoveryConfig::topic).toList());
        topics.add(stateTopic());
        topics.add(availabilityTopic());
        return topics;
    }

    /** A message on a topic. */
    record Message(String topic, String payload) {
    }
}
