package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** The fault kinds a link knows, by name ({@link LinkFaultKind}). A new kind is one constant there, one class, and one line here. */
public final class LinkFaults {

    /**
     * @param directional whether the kind acts on bytes and closes, so that it can be limited to one
     *                    direction; the others act on whole connections
     */
    private record Kind(Function<FaultAttributes, LinkFault> create, boolean directional) {
    }

    private static final SortedMap<String, Kind> KNOWN = new TreeMap<>();

    static {
        for (LinkFaultKind kind : LinkFaultKind.values()) {
            KNOWN.put(WireNames.of(kind), kind(kind));
        }
    }

    /** Over the enum, with no default: a kind added to it does not compile here until it has a class. */
    private static Kind kind(LinkFaultKind kind) {
        return switch (kind) {
            case BLACKHOLE -> new Kind(attributes -> new Blackhole(), true);
            case RESET -> new Kind(attributes -> new Reset(), false);
            case REFUSE -> new Kind(attributes -> Refuse.everything(), false);
            case UNRESOLVABLE -> new Kind(attributes -> Refuse.newConnections(), false);
            case LATENCY -> new Kind(Latency::new, true);
            case LOSS -> new Kind(Loss::new, true);
            case BANDWIDTH -> new Kind(Bandwidth::new, true);
            case FLAP -> new Kind(Flap::new, false);
            case SLOW_CLOSE -> new Kind(SlowClose::new, true);
            case REFUSE_CONNECT -> new Kind(RefuseConnect::new, false);
            case OVERLOAD -> new Kind(Overload::new, false);
            case DISCONNECT -> new Kind(Disconnect::new, false);
            case DROP_PUBLISH -> new Kind(MatchingPublishes::dropped, true);
            case LOSE_PUBLISH -> new Kind(MatchingPublishes::lost, true);
            case DELAY_PUBLISH -> new Kind(MatchingPublishes::delayed, true);
            case DUPLICATE_PUBLISH -> new Kind(MatchingPublishes::duplicated, true);
            // Acts on the broker's PUBACKs only.
            case WITHHOLD_PUBACK -> new Kind(attributes -> new WithholdPuback(), false);
        };
    }

    private LinkFaults() {
    }

    /**
     * A new fault of the named kind with default attributes, in both directions.
     *
     * @throws IllegalArgumentException if no fault has that name; the message lists the known names
     */
    public static LinkFault named(String name) {
        return create(name, Map.of(), (Direction) null);
    }

    /**
     * A new fault of the named kind, its fields filled from {@code attributes} (times in ms; absent ones
     * take their defaults), acting in {@code direction} only, or both ways if null.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown attribute, a value of the wrong
     *                                  type or out of range, or a direction for a kind that acts on
     *                                  whole connections; the message says which and what is allowed
     */
    public static LinkFault create(String name, Map<String, ?> attributes, Direction direction) {
        Kind kind = KNOWN.get(name);
        if (kind == null) {
            throw new IllegalArgumentException(
                    "Unknown link fault '" + name + "'; known faults: " + String.join(", ", KNOWN.keySet()));
        }
        if (direction != null && !kind.directional()) {
            throw new IllegalArgumentException("Fault '" + name + "' acts on whole connections and takes no direction");
        }
        FaultAttributes given = new FaultAttributes(name, attributes);
        LinkFault fault = kind.create().apply(given);
        given.rejectUnknown();
        return direction == null ? fault : new OneWay(fault, direction);
    }

    /**
     * A fault as a scenario file writes it: direction {@code upstream}, {@code downstream},
     * {@code both} or null (both).
     */
    public static LinkFault fromScenario(String name, Map<String, ?> attributes, String direction) {
        return create(name, attributes, direction == null || direction.equals("both") ? null
                : Direction.valueOf(direction.toUpperCase(java.util.Locale.ROOT)));
    }

    /** What is wrong with a fault as a scenario file writes it, if anything: for validation with a location. */
    public static java.util.Optional<String> problem(String name, Map<String, ?> attributes, String direction) {
        try {
            fromScenario(name, attributes, direction);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException wrong) {
            return java.util.Optional.of(wrong.getMessage());
        }
    }

    /** The names of all known fault kinds, sorted. */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(KNOWN.keySet());
    }
}
