package io.cloudcut.dashboard.mqtt;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A smart bed, for which no common integration sets the topics: under {@code smartbed/<device>}, one
 * retained state JSON {@code {"state": "heating, inclined", "temperatureLevel": 4, "headDegrees": 15}}.
 * Its two controls are Home Assistant {@code number} entities, as integrations of adjustable beds
 * show them: the temperature level (-10 to +10) and the head's incline (0 to 45 degrees, in steps of
 * 5, as the base moves), each set by a plain number on {@code smartbed/<device>/<reading>/set}. The
 * setting in words has no control of its own, so it stays a {@code sensor}.
 */
final class BedConventions extends DeviceTopics {

    /** The bed's controls, with the functions whose session policy a dashboard's value goes under. */
    private static final List<Control> CONTROLS = List.of(
            new Control("temperature_level", "Temperature level", "temperatureLevel", "temperature-buttons",
                    -10, 10, 1, new JsonObject()),
            new Control("head_incline", "Head incline", "headDegrees", "incline-buttons",
                    0, 45, 5, new JsonObject().put("unit_of_measurement", "°")));

    BedConventions(String deviceId, String modelId) {
        super(deviceId, modelId, "smartbed/" + safe(deviceId));
    }

    @Override
    public String stateTopic() {
        return base + "/state";
    }

    @Override
    public List<String> commandTopics() {
        return CONTROLS.stream().map(this::commandTopic).toList();
    }

    @Override
    public Optional<DashboardCommand> command(String topic, String payload) {
        return CONTROLS.stream().filter(control -> commandTopic(control).equals(topic)).findFirst()
                .flatMap(control -> control.value(payload).map(value -> DashboardCommand.set(control.function(), value)));
    }

    @Override
    public List<DiscoveryConfig> discovery() {
        List<DiscoveryConfig> configs = new ArrayList<>();
        configs.add(config("sensor", "state", new JsonObject()
                .put("name", "Setting")
                .put("state_topic", stateTopic())
                .put("value_template", "{{ value_json.state }}")));
        CONTROLS.forEach(control -> configs.add(config("number", control.suffix(), new JsonObject()
                .put("name", control.name())
                .put("state_topic", stateTopic())
                .put("value_template", "{{ value_json." + control.reading() + " }}")
                .put("command_topic", commandTopic(control))
                .put("min", control.min())
                .put("max", control.max())
                .put("step", control.step())
                .put("mode", "slider")
                .mergeIn(control.more()))));
        return List.copyOf(configs);
    }

    private String commandTopic(Control control) {
        return base + "/" + control.reading() + "/set";
    }

    /** One setting a dashboard can set: its reading in the state JSON, its range and its step. */
    private record Control(String suffix, String name, String reading, String function, int min, int max, int step,
                           JsonObject more) {

        /**
         * The value a payload sets: a whole number (Home Assistant sends {@code 5}, others {@code 5.0})
         * within the range and on a step, as the bed's own buttons can reach; empty for anything else.
         */
        Optional<Integer> value(String payload) {
            int value;
            try {
                value = new BigDecimal(payload.trim()).intValueExact();
            } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
                return Optional.empty();
            }
            boolean reachable = value >= min && value <= max && (value - min) % step == 0;
            return reachable ? Optional.of(value) : Optional.empty();
        }
    }
}
