package io.cloudcut.scenario;

import java.util.Optional;
import java.util.Set;

/**
 * The faults a cloud service takes, by their names in a scenario file ({@link WireNames}): the one list
 * the loader, the fault injector and the schema check read.
 */
public enum ServiceFault {
    /** It stops answering. */
    DOWN(Set.of()),
    /** It answers with an error, where its protocol has answers. */
    ERROR(Set.of()),
    /** It answers after {@code latency}, a duration of real time. */
    SLOW(Set.of("latency")),
    /** It takes requests at {@code rate} on the scenario clock and queues up to {@code queue} more. */
    THROTTLED(Set.of("rate", "queue"));

    private final Set<String> attributes;

    ServiceFault(Set<String> attributes) {
        this.attributes = attributes;
    }

    /** The attributes a fault of this kind may take. */
    public Set<String> attributes() {
        return attributes;
    }

    /** The kind a scenario file calls {@code name}, if there is one. */
    public static Optional<ServiceFault> named(String name) {
        return WireNames.named(ServiceFault.class, name);
    }
}
