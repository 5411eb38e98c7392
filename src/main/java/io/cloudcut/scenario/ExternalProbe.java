package io.cloudcut.scenario;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * How one function of an {@link ExternalDevice} is probed: one started on the device by an HTTP request
 * on loopback or a message on the home network's MQTT broker; one started by the app through the
 * cloud's commands, answered on the device's state topic ({@code state}). Exactly one of them.
 */
public record ExternalProbe(HttpProbe http, MqttProbe mqtt, StateProbe state) {

    public ExternalProbe {
        long given = Stream.of(http, mqtt, state).filter(Objects::nonNull).count();
        if (given != 1) {
            throw new FieldProblem("", "a probe needs exactly one of http, mqtt and state, got "
                    + (given == 0 ? "none" : given));
        }
    }

    /** Whether it starts the function on the device, as opposed to awaiting an app command's effect. */
    public boolean startsOnTheDevice() {
        return state == null;
    }
}
