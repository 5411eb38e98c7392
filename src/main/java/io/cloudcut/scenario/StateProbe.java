package io.cloudcut.scenario;

import java.util.Objects;

/**
 * How an app function of an external device is seen to work when the device does not reply to the
 * cloud's commands as emulated devices do, but shows what it did on a state topic of its own (a
 * shadow, a {@code .../state} topic an app reads): the command goes through the emulated cloud's
 * commands service as ever, and it worked when a JSON object on {@code topic} whose {@code field} is
 * {@code value} arrives after it, within the probe's timeout. A state that names a request
 * ({@code requestId} or {@code probeId}) answers only that one; a refusal is the device's or the
 * cloud's reply saying no, as for emulated devices.
 */
public record StateProbe(String topic, String field, Object value) {

    public StateProbe {
        Checks.present(topic, "topic");
        if (topic.contains("+") || topic.contains("#")) {
            throw new FieldProblem("/topic", "topic must be a topic name, without wildcards, got '" + topic + "'");
        }
        Checks.present(field, "field");
        if (value == null) {
            throw new FieldProblem("/value", "value is required: what field holds when the function worked");
        }
    }

    /** Whether a state's {@code field} holds the value that means it worked: numbers by value, the rest as written. */
    public boolean means(Object held) {
        if (held instanceof Number number && value instanceof Number expected) {
            return number.doubleValue() == expected.doubleValue();
        }
        return Objects.equals(held, value);
    }
}
