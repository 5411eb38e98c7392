package io.cloudcut.scenario;

import java.util.Optional;
import java.util.Set;

/**
 * The faults the embedded broker takes, by their names in a scenario file ({@link WireNames}): the one
 * list the loader, the broker's fault injection and the schema check read.
 */
public enum BrokerFault {
    /** Stopped for the phase, started again at its end. */
    DOWN(Set.of()),
    /** Restarted every {@code every} of scenario time through the phase. */
    RESTART(Set.of("every"));

    private final Set<String> attributes;

    BrokerFault(Set<String> attributes) {
        this.attributes = attributes;
    }

    /** The attributes a fault of this kind may take. */
    public Set<String> attributes() {
        return attributes;
    }

    /** The kind a scenario file calls {@code name}, if there is one. */
    public static Optional<BrokerFault> named(String name) {
        return WireNames.named(BrokerFault.class, name);
    }
}
