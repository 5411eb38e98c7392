package io.cloudcut.report;

import io.cloudcut.observation.FaultObserved;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stretches of the run during which at least one fault was applied, and which: the charts shade them. */
final class FaultWindows {

    /** From and until in scenario seconds; {@code faults} as the observations name them ({@code blackhole link all}). */
    record Window(double from, double until, Set<String> faults) {
    }

    /** One fault from when it was applied until it was reverted, in scenario milliseconds. */
    private record Applied(String fault, long from, long until) {
    }

    private FaultWindows() {
    }

    /** Overlapping faults make one window; a fault never reverted lasts until {@code endMillis}, the end of the run. */
    static List<Window> of(List<FaultObserved> changes, long endMillis) {
        List<Applied> applied = new ArrayList<>();
        Map<String, Long> since = new HashMap<>();
        changes.stream().sorted(Comparator.comparingLong(FaultObserved::atMillis)).forEach(change -> {
            if (change.applied()) {
                since.putIfAbsent(change.fault(), change.atMillis());
            } else if (since.containsKey(change.fault())) {
                applied.add(new Applied(change.fault(), since.remove(change.fault()), change.atMillis()));
            }
        });
        since.forEach((fault, from) -> applied.add(new Applied(fault, from, endMillis)));
        applied.sort(Comparator.comparingLong(Applied::from));

        List<Window> windows = new ArrayList<>();
        Applied open = null;
        Set<String> faults = new LinkedHashSet<>();
        for (Applied fault : applied) {
            if (open != null && fault.from() > open.until()) {
                windows.add(new Window(open.from() / 1000.0, open.until() / 1000.0, faults));
                open = null;
                faults = new LinkedHashSet<>();
            }
            open = open == null ? fault : new Applied(null, open.from(), Math.max(open.until(), fault.until()));
            faults.add(fault.fault());
        }
        if (open != null) {
            windows.add(new Window(open.from() / 1000.0, open.until() / 1000.0, faults));
        }
        return windows;
    }
}
