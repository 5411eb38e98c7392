package io.cloudcut.harness;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices have a fault on their connection now (a link fault, a lapsed certificate, the broker's), and when each
 * last stopped having one ({@link System#nanoTime}): what a lost connection is judged by ({@link UnfaultedLosses}). The
 * {@link FaultInjector} marks a device faulted before its fault is set and healed only once it is lifted, so that a loss
 * the change itself caused is the fault's.
 */
final class FaultedConnections {

    private final Set<String> faulted = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> healedAtNanos = new ConcurrentHashMap<>();

    /** These devices' connections have a fault from now on, or are about to. */
    void faulted(Collection<String> devices) {
        faulted.addAll(devices);
    }

    /** Exactly these devices' connections have a fault now: the others, if they had one, were healed at {@code nowNanos}. */
    void faultedExactly(Set<String> devices, long nowNanos) {
        faulted.removeIf(device -> {
            boolean healed = !devices.contains(device);
            if (healed) {
                healedAtNanos.put(device, nowNanos);
            }
            return healed;
        });
        faulted.addAll(devices);
    }

    /**
     * Whether a connection of {@code device}'s that came up at {@code connectedAtNanos} had a fault on it at some time
     * since: it is faulted now, or was healed after it came up.
     */
    boolean metAFault(String device, long connectedAtNanos) {
        Long healed = healedAtNanos.get(device);
        return faulted.contains(device) || healed != null && healed - connectedAtNanos >= 0;
    }

    /** Whether {@code device}'s connection has had no fault for at least {@code graceNanos} before {@code nowNanos}. */
    boolean unfaultedFor(String device, long graceNanos, long nowNanos) {
        if (faulted.contains(device)) {
            return false;
        }
        Long healed = healedAtNanos.get(device);
        return healed == null || nowNanos - healed >= graceNanos;
    }
}
