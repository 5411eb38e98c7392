package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A smart bed, for which no common integration sets the topics: under {@code smartbed/<device>}, one
 * retained state JSON {@code {"state": "heating, inclined", "temperatureLevel": 4, "headDegrees": 15}},
 * read by three Home Assistant {@code sensor} entities (the setting, the temperature level from -10
 * to +10, the head's incline in degrees). Its controls are the buttons on the bed and the app; a
 * dashboard watches them, it does not press them.
 */
final class BedConventions extends DeviceTopics {

    BedConventions(String deviceId, String modelId) {
        super(deviceId, modelId, "smartbed/" + safe(deviceId));
    }

    @Override
    public String stateTopic() {
        return base + "/state";
    }

    @Override
    public List<DiscoveryConfig> discovery() {
        return List.of(
                sensor("state", "Setting", "{{ value_json.state }}", new JsonObject()),
                sensor("temperature_level", "Temperature level", "{{ value_json.temperatureLevel }}",
                        new JsonObject().put("state_class", "measurement")),
                sensor("head_incline", "Head incline", "{{ value_json.headDegrees }}",
                        new JsonObject().put("state_class", "measurement").put("unit_of_measurement", "°")));
    }

    private DiscoveryConfig sensor(String suffix, String name, String valueTemplate, JsonObject more) {
        return config("sensor", suffix, new JsonObject()
                .put("name", name)
                .put("state_topic", stateTopic())
                .put("value_template", valueTemplate)
                .mergeIn(more));
    }
}
