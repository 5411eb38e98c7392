package io.cloudcut.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MQTT client stacks a device model's firmware can use, named in its {@code client} field by wire
 * name ({@code hivemq-v5}). The one list of them: the loader, the command line and the JUnit extension
 * check names against it, and the mqtt package has an adapter for each constant.
 */
public enum ClientStack {
    VERTX, PAHO_V3, PAHO_V5, HIVEMQ_V3, HIVEMQ_V5;

    /** The stack of this wire name, if CloudCut has it. */
    public static Optional<ClientStack> named(String name) {
        return WireNames.named(ClientStack.class, name);
    }

    /** What a name CloudCut does not have is told: {@code unknown MQTT client stack 'x' (known: hivemq-v3, ...)}. */
    public static String unknown(String name) {
        return "unknown MQTT client stack '" + name + "' (known: "
                + Arrays.stream(values()).map(WireNames::of).sorted().collect(Collectors.joining(", ")) + ")";
    }
}
