package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A robot vacuum as Valetudo (the cloud-free vacuum firmware) shows one: topics under
 * {@code valetudo/<device>}, commands on its basic-control topic ({@code START}, {@code PAUSE},
 * {@code STOP}, {@code HOME}, {@code LOCATE}), and a Home Assistant {@code vacuum} entity whose
 * state JSON is {@code {"state": "docked" | "cleaning" | "paused" | "idle" | "returning" | "error"}},
 * the firmware's own state names. Home Assistant's own words ({@code start}, {@code return_to_base}...)
 * are taken too, in any case.
 */
final class VacuumConventions extends DeviceTopics {

    /** Command payload → the device function it stands for, as pressed on the robot or sent on the local network. */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "START", "clean-button",
            "PAUSE", "pause",
            "STOP", "stop",
            "HOME", "return-to-base",
            "RETURN_TO_BASE", "return-to-base",
            "LOCATE", "locate");

    VacuumConventions(String deviceId, String modelId) {
        super(deviceId, modelId, "valetudo/" + safe(deviceId));
    }

    @Override
    public String stateTopic() {
        return base + "/hass/" + safe(deviceId) + "_vacuum/state";
    }

    @Override
    public List<String> commandTopics() {
        return List.of(commandTopic());
    }

    @Override
    public Optional<DashboardCommand> command(String topic, String payload) {
        return Optional.ofNullable(FUNCTIONS.get(payload.trim().toUpperCase(Locale.ROOT))).map(DashboardCommand::press);
    }

    private String commandTopic() {
        return base + "/BasicControlCapability/operation/set";
    }

    @Override
    public List<DiscoveryConfig> discovery() {
        return List.of(config("vacuum", "vacuum", new JsonObject()
                .putNull("name") // the entity takes the device's name
                .put("state_topic", stateTopic())
                .put("command_topic", commandTopic())
                .put("payload_start", "START")
                .put("payload_pause", "PAUSE")
                .put("payload_stop", "STOP")
                .put("payload_return_to_base", "HOME")
                .put("payload_locate", "LOCATE")
                .put("supported_features", new JsonArray().add("start").add("pause").add("stop")
                        .add("return_home").add("locate"))));
    }
}
