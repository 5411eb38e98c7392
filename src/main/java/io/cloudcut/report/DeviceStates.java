package io.cloudcut.report;

import io.cloudcut.observation.StateObserved;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether each device was at rest (docked, idle) or acting (cleaning, heating), from the states it
 * reported, to tell whether a device was held in an acting state for a whole stretch of an outage,
 * as opposed to resting in it at some moment. Only what such a stretch can ask is kept:
 * <ul>
 *   <li>only the moments a device went from one to the other: a state that follows one of its own
 *   kind changes no answer;</li>
 *   <li>outside the outage phases, only the latest of those moments: a stretch of the outage asks
 *   what the device was doing when it began, and what it did during it, never what it did before
 *   its last change before the outage.</li>
 * </ul>
 * So the memory grows with what the devices did during the outage, not with the length of the run.
 * A device reports its states in order.
 */
final class DeviceStates {

    /** Per device, the moments its activity changed, as {@code atMillis * 2 + (atRest ? 1 : 0)}. */
    private final Map<String, Changes> byDevice = new HashMap<>();
    private boolean inOutage;
    /** When the last outage phase ended: a change heard after its end but made before belongs to it. */
    private long outageEndedAtMillis;
    /** Counts the outage phases' starts and ends: a change outside them replaces only one of the same stretch. */
    private int stretch;

    /** An outage phase started ({@code true}) or ended, at {@code atMillis}. */
    void outage(boolean started, long atMillis) {
        inOutage = started;
        stretch++;
        if (!started) {
            outageEndedAtMillis = Math.max(outageEndedAtMillis, atMillis);
        }
    }

    void add(StateObserved state) {
        Changes changes = byDevice.computeIfAbsent(state.device(), device -> new Changes());
        if (!changes.isEmpty() && atRest(changes.last()) == state.atRest()) {
            return;
        }
        long change = state.atMillis() * 2 + (state.atRest() ? 1 : 0);
        boolean outside = !inOutage && state.atMillis() >= outageEndedAtMillis;
        if (outside && changes.replaceableIn == stretch) {
            changes.replaceLast(change);
        } else {
            changes.add(change);
        }
        changes.replaceableIn = outside ? stretch : -1;
    }

    /**
     * Whether the device was in acting states from {@code fromMillis} to {@code untilMillis}: it had
     * entered one by then, and entered no state at rest before the end. A device that never
     * reported a state was not seen acting.
     */
    boolean actingThroughout(String device, long fromMillis, long untilMillis) {
        Changes changes = byDevice.get(device);
        if (changes == null) {
            return false;
        }
        Boolean restingAtStart = null;
        for (int i = 0; i < changes.size; i++) {
            long change = changes.values[i];
            long atMillis = change >> 1;
            if (atMillis <= fromMillis) {
                restingAtStart = atRest(change);
            } else if (atMillis < untilMillis && atRest(change)) {
                return false;
            }
        }
        return restingAtStart != null && !restingAtStart;
    }

    private static boolean atRest(long change) {
        return (change & 1) == 1;
    }

    /** One device's changes, in a growable array of longs rather than a boxed object each. */
    private static final class Changes {
        private long[] values = new long[2];
        private int size;
        /** The stretch outside the outage in which the last change was added; -1: kept for good. */
        private int replaceableIn = -1;

        void add(long change) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = change;
        }

        void replaceLast(long change) {
            values[size - 1] = change;
        }

        long last() {
            return values[size - 1];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
