package io.cloudcut.scenario;

import java.util.Optional;

/**
 * The faults a device's link takes, by their names in scenario files and the fault proxy's API
 * ({@link WireNames}): the one list the loader, the schema check and the fault package's registry read.
 * Each is a class of its own in the fault package, which says what it does.
 */
public enum LinkFaultKind {
    BANDWIDTH, BLACKHOLE, DELAY_PUBLISH, DISCONNECT, DROP_PUBLISH, DUPLICATE_PUBLISH, FLAP, LATENCY, LOSE_PUBLISH, LOSS,
    OVERLOAD, REFUSE, REFUSE_CONNECT, RESET, SLOW_CLOSE, UNRESOLVABLE, WITHHOLD_PUBACK;

    /** The kind a file calls {@code name}, if there is one. */
    public static Optional<LinkFaultKind> named(String name) {
        return WireNames.named(LinkFaultKind.class, name);
    }
}
