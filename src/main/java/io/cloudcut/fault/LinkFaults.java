package io.cloudcut.fault;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The fault kinds a link knows, by name. A new kind is one class plus one line here. */
public final class LinkFaults {

    private static final SortedMap<String, Supplier<LinkFault>> KNOWN = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            Blackhole.NAME, Blackhole::new,
            Reset.NAME, Reset::new,
            Refuse.NAME, Refuse::new)));

    private LinkFaults() {
    }

    /**
     * A new fault of the named kind.
     *
     * @throws IllegalArgumentException if no fault has that name; the message lists the known names
     */
    public static LinkFault named(String name) {
        Supplier<LinkFault> fault = KNOWN.get(name);
        if (fault == null) {
            throw new IllegalArgumentException(
                    "Unknown link fault '" + name + "'; known faults: " + String.join(", ", KNOWN.keySet()));
        }
        return fault.get();
    }

    /** The names of all known fault kinds, sorted. */
    public static Set<String> names() {
        return KNOWN.keySet();
    }
}
