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
    VERTX(0), PAHO_V3(300), PAHO_V5(300), HIVEMQ_V3(0), HIVEMQ_V5(0);

    private final int ownConnectMillis;

    ClientStack(int ownConnectMillis) {
        this.ownConnectMillis = ownConnectMillis;
    }

    /**
     * About how long a connect takes on this stack whatever the machine's load, in real milliseconds: Paho's threads
     * start in 100 ms steps (about 300 ms a connect), the others take a few milliseconds (0 here).
     */
    public int ownConnectMillis() {
        return ownConnectMillis;
    }

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
