package io.cloudcut.fault;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault as the fault API knows it: Toxiproxy's envelope of a name, a type (a {@link LinkFaults}
 * name), a direction ({@code null}: both), a target, a toxicity (the share of the target's connections
 * it acts on), a duration after which it removes itself ({@code null}: until removed), and the
 * attributes that fill the fault.
 */
public record NamedFault(String name, String type, Direction direction, FaultTarget target, Toxicity toxicity,
                         Duration duration, Map<String, Object> attributes) {

    public NamedFault {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A fault needs a name");
        }
        // Not Map.copyOf: a JSON null stands for an absent attribute.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A new fault of this type and attributes for one link. */
    LinkFault create() {
        return LinkFaults.create(type, attributes, direction);
    }

    /** The connections of each targeted link that the fault acts on. */
    ConnectionChoice choice() {
        return target.choice(toxicity);
    }
}
