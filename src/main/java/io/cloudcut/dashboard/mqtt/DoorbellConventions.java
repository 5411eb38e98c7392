package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * A doorbell as ring-mqtt (the Ring bridge) shows one: topics under
 * {@code ring/<location>/camera/<device>}, the model standing for the location; a press as an
 * {@code event} entity of device class {@code doorbell} ({@code {"event_type": "press"}} on
 * {@code ding/event}), motion as a {@code binary_sensor} of device class {@code motion}
 * ({@code ON} on {@code motion/state}, turned off by Home Assistant after {@link #MOTION_CLEARS_AFTER_SECONDS}).
 */
final class DoorbellConventions extends DeviceTopics {

    /** How long a motion sensor stays on after motion: the device only says motion began. */
    static final int MOTION_CLEARS_AFTER_SECONDS = 30;

    DoorbellConventions(String deviceId, String modelId) {
        super(deviceId, modelId, "ring/" + safe(modelId) + "/camera/" + safe(deviceId));
    }

    @Override
    public String stateTopic() {
        return base + "/info/state";
    }

    private String dingTopic() {
        return base + "/ding/event";
    }

    private String motionTopic() {
        return base + "/motion/state";
    }

    @Override
    public Optional<Message> eventMessage(String eventKind) {
        return switch (eventKind) {
            case "ring" -> Optional.of(new Message(dingTopic(), new JsonObject().put("event_type", "press").encode()));
            case "motion" -> Optional.of(new Message(motionTopic(), "ON"));
            default -> Optional.empty();
        };
    }

    @Override
    public List<DiscoveryConfig> discovery() {
        return List.of(
                config("event", "ding", new JsonObject()
                        .put("name", "Ding")
                        .put("device_class", "doorbell")
                        .put("event_types", new JsonArray().add("press"))
                        .put("state_topic", dingTopic())),
                config("binary_sensor", "motion", new JsonObject()
                        .put("name", "Motion")
                        .put("device_class", "motion")
                        .put("state_topic", motionTopic())
                        .put("payload_on", "ON")
                        .put("payload_off", "OFF")
                        .put("off_delay", MOTION_CLEARS_AFTER_SECONDS)));
    }
}
