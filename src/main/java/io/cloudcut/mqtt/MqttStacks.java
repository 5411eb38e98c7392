package io.cloudcut.mqtt;

import io.vertx.core.Vertx;

import java.util.Set;
import java.util.TreeSet;

/** The MQTT client stacks a device model can name in its {@code client} field. */
public final class MqttStacks {

    private static final Set<String> NAMES = Set.of("vertx", "paho-v3", "paho-v5", "hivemq-v3", "hivemq-v5");

    private MqttStacks() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    /** A connection on the named stack; must be called on the owning verticle's context. */
    public static DeviceConnection create(String stack, Vertx vertx, ConnectionSettings settings,
                                          ConnectionListener listener) {
        return switch (stack) {
            case "vertx" -> new VertxMqttConnection(vertx, settings, listener);
            case "paho-v3" -> new PahoV3Connection(vertx, settings, listener);
            case "paho-v5" -> new PahoV5Connection(vertx, settings, listener);
            case "hivemq-v3" -> new HiveMqV3Connection(vertx, settings, listener);
            case "hivemq-v5" -> new HiveMqV5Connection(vertx, settings, listener);
            default -> throw new IllegalArgumentException("unknown MQTT client stack '" + stack + "' (known: "
                    + String.join(", ", new TreeSet<>(NAMES)) + ")");
        };
    }
}
