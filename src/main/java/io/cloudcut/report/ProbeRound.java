package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One probe round of one model in one outage phase, folded as its probes come: when it began (its
 * first probe), whether all of it fell in the settle time, whether any probe ended
 * {@code UNPROTECTED}, and per function its counts and the devices whose probe of it failed (by
 * their number in the run's {@link DeviceIndex}).
 */
final class ProbeRound {

    private long firstMillis = Long.MAX_VALUE;
    private boolean settling = true;
    private boolean unprotected;
    private final Map<String, ProbeTally> byFunction = new HashMap<>();
    private final Map<String, BitSet> failedDevices = new HashMap<>();

    void add(ProbeObserved probe, int device) {
        firstMillis = Math.min(firstMillis, probe.atMillis());
        settling &= probe.settling();
        unprotected |= probe.outcome() == ProbeOutcome.UNPROTECTED;
        byFunction.computeIfAbsent(probe.function(), function -> new ProbeTally()).add(probe);
        if (!probe.ok()) {
            failedDevices.computeIfAbsent(probe.function(), function -> new BitSet()).set(device);
        }
    }

    long firstMillis() {
        return firstMillis;
    }

    boolean settling() {
        return settling;
    }

    boolean unprotected() {
        return unprotected;
    }

    /** The function's probes in the round; null when it was not probed in it. */
    ProbeTally of(String function) {
        return byFunction.get(function);
    }

    BitSet failedDevices(String function) {
        return failedDevices.getOrDefault(function, new BitSet());
    }
}
