package io.cloudcut.cli;

import io.cloudcut.scenario.ClientStack;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The options every command that runs a fleet shares: where the project is, which broker, which client stack. */
final class FleetOptions {

    @Option(names = "--broker", paramLabel = "URI",
            description = "Use an external broker, e.g. tcp://127.0.0.1:1883, instead of the embedded one; run also takes"
                    + " one over TLS, mqtts://127.0.0.1:8883, with --broker-ca.")
    String externalBroker;

    @Option(names = "--client", paramLabel = "STACK", completionCandidates = ClientStackNames.class,
            description = "Run every model on this MQTT client stack: ${COMPLETION-CANDIDATES}.")
    String client;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where devices/, scenarios/, clouds/ and broker-config/ are (default: the current directory).")
    Path projectDir;

    /**
     * The scenario with {@code devicesPerModel} devices of each model, as {@code --devices-per-model} asks
     * (null: its own fleet); the devices' ids, and so their logins, depend on it.
     *
     * @throws IllegalArgumentException for fewer than one
     */
    static Scenario resized(Scenario scenario, Integer devicesPerModel) {
        if (devicesPerModel == null) {
            return scenario;
        }
        if (devicesPerModel < 1) {
            throw new IllegalArgumentException("--devices-per-model must be at least 1");
        }
        return scenario.withDevicesPerModel(devicesPerModel);
    }

    /**
     * What {@link #resized} did to the cloud, for the user to read: the fleet's new size against the
     * scenario's, and the capacities and bounds that were resized with it. Empty when nothing changed.
     */
    static Optional<String> describeResize(Scenario asWritten, Integer devicesPerModel) {
        if (devicesPerModel == null) {
            return Optional.empty();
        }
        double factor = asWritten.fleetFactor(devicesPerModel);
        if (factor == 1) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "fleet: %,d devices instead of the scenario's %,d (x%s): throttled "
                        + "services' rates and queues, and bounds on events lost in the cloud, resized with it",
                asWritten.withDevicesPerModel(devicesPerModel).deviceCount(), asWritten.deviceCount(),
                Durations.number(Durations.significant(factor, 3))));
    }

    /** @throws IllegalArgumentException for a stack CloudCut does not have, naming those it has */
    void checkClient() {
        if (client != null && ClientStack.named(client).isEmpty()) {
            throw new IllegalArgumentException("--client: " + ClientStack.unknown(client));
        }
    }
}
