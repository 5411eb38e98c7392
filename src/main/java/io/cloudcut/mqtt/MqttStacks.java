package io.cloudcut.mqtt;

import io.vertx.core.Vertx;

import java.util.Set;

/** The MQTT client stacks a device model can name in its {@code client} field. */
public final class MqttStacks {

    private static final Set<String> NAMES = Set.of("vertx");

    private MqttStacks() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    /** A connection on the named stack; must be called on the owning verticle's context. */
    public static DeviceConnection create(String stack, Vertx vertx, ConnectionSettings settings,
                                          ConnectionListener listener) {
        if ("vertx".equals(stack)) {
            return new VertxMqttConnection(vertx, settings, listener);
        }
        throw new IllegalArgumentException("unknown MQTT client stack '" + stack + "' (known: "
                + String.join(", ", NAMES) + ")");
    }
}
