package io.cloudcut.scenario;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A device model, read from {@code devices/<id>.yaml}: the firmware profile that every device of the
 * model runs. Policies are data here; what they lead to is measured by running the devices.
 *
 * @param id          the file name without {@code .yaml}; scenarios refer to the model by it
 * @param firmware    a class implementing the firmware SPI; empty for the built-in firmware of the kind
 * @param client      the MQTT client stack the firmware uses, the wire name of a {@link ClientStack}
 * @param keepAlive   MQTT keepalive, in real time (protocol timers are not compressed)
 * @param connectTimeout how long the firmware waits for a CONNACK or a PUBACK before it takes the
 *                    connection for dead, in real time like the protocol it times
 * @param statusEvery how often the device reports its status on its own (scenario time)
 * @param mqttSession the MQTT session it asks the broker for (clean by default)
 */
public record DeviceModel(String id,
                          DeviceKind kind, String description, String firmware, String client,
                          Duration keepAlive, Duration connectTimeout, Duration statusEvery,
                          List<FunctionSpec> functions, SessionPolicy session, ReconnectPolicy reconnect,
                          BufferPolicy buffer, MqttSessionPolicy mqttSession) {

    public DeviceModel {
        Checks.present(kind, "kind");
        Checks.present(functions, "functions");
        Checks.check(!functions.isEmpty(), "a model needs at least one function");
        functions = List.copyOf(functions);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < functions.size(); i++) {
            String name = functions.get(i).name();
            if (!seen.add(name)) {
                throw new FieldProblem("/functions/" + i + "/name", "function '" + name + "' is declared twice");
            }
            if (firmware == null && !kind.functions().contains(name)) {
                throw new FieldProblem("/functions/" + i + "/name", "unknown function '" + name + "' for a "
                        + WireNames.of(kind) + " (known: " + String.join(", ", kind.functions()) + ")");
            }
        }
        if (functions.stream().noneMatch(function -> function.role() == FunctionRole.PRIMARY)) {
            throw new FieldProblem("/functions", "no function has role 'primary': say which function the owner "
                    + "bought the device for (verdicts are judged on it)");
        }
        description = Checks.orDefault(description, "");
        firmware = Checks.orDefault(firmware, "");
        client = Checks.orDefault(client, "vertx");
        if (ClientStack.named(client).isEmpty()) {
            throw new FieldProblem("/client", ClientStack.unknown(client));
        }
        statusEvery = Checks.orDefault(statusEvery, Duration.ofMinutes(30));
        Checks.check(!statusEvery.isZero() && !statusEvery.isNegative(), "statusEvery must be positive");
        keepAlive = Checks.orDefault(keepAlive, Duration.ofSeconds(5));
        Checks.check(keepAlive.toSeconds() >= 1, "keepAlive must be at least 1s");
        connectTimeout = Checks.orDefault(connectTimeout, Duration.ofSeconds(2));
        Checks.check(connectTimeout.toMillis() >= 100, "connectTimeout must be at least 100ms");
        session = Checks.orDefault(session, SessionPolicy.defaults());
        reconnect = Checks.orDefault(reconnect, ReconnectPolicy.defaults());
        buffer = Checks.orDefault(buffer, BufferPolicy.defaults());
        mqttSession = Checks.orDefault(mqttSession, MqttSessionPolicy.defaults());
    }

    /** The same model on another MQTT client stack. */
    public DeviceModel withClient(String stack) {
        return new DeviceModel(id, kind, description, firmware, stack, keepAlive, connectTimeout, statusEvery,
                functions, session, reconnect, buffer, mqttSession);
    }

    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(function -> function.name().equals(name)).findFirst();
    }
}
