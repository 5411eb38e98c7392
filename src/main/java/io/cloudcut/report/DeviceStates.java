package io.cloudcut.report;

import io.cloudcut.observation.StateObserved;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether each device was at rest (docked, idle) or acting (cleaning, heating), from the states it
 * reported, to tell whether a device was held in an acting state for a whole stretch of time, as
 * opposed to resting in it at some moment. Only the moments a device went from one to the other are
 * kept: a state that follows one of its own kind changes neither answer. A device reports its
 * states in order.
 */
final class DeviceStates {

    /** Per device, the moments its activity changed, as {@code atMillis * 2 + (atRest ? 1 : 0)}. */
    private final Map<String, LongList> byDevice = new HashMap<>();

    void add(StateObserved state) {
        LongList changes = byDevice.computeIfAbsent(state.device(), device -> new LongList());
        if (changes.isEmpty() || atRest(changes.last()) != state.atRest()) {
            changes.add(state.atMillis() * 2 + (state.atRest() ? 1 : 0));
        }
    }

    /**
     * Whether the device was in acting states from {@code fromMillis} to {@code untilMillis}: it had
     * entered one by then, and entered no state at rest before the end. A device that never
     * reported a state was not seen acting.
     */
    boolean actingThroughout(String device, long fromMillis, long untilMillis) {
        LongList changes = byDevice.get(device);
        if (changes == null) {
            return false;
        }
        Boolean restingAtStart = null;
        for (int i = 0; i < changes.size(); i++) {
            long change = changes.get(i);
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

    /** A growable array of longs: a device's changes, without a boxed object each. */
    private static final class LongList {
        private long[] values = new long[4];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long get(int index) {
            return values[index];
        }

        long last() {
            return values[size - 1];
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
