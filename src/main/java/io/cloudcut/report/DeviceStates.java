package io.cloudcut.report;

import io.cloudcut.observation.StateObserved;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The states each device reported, in time order, to tell whether a device was held in an acting
 * state (cleaning, heating) for a whole stretch of time, as opposed to resting (docked, idle) in it
 * at some moment.
 */
final class DeviceStates {

    private final Map<String, List<StateObserved>> byDevice;

    DeviceStates(List<StateObserved> states) {
        this.byDevice = states.stream().sorted(Comparator.comparingLong(StateObserved::atMillis))
                .collect(Collectors.groupingBy(StateObserved::device));
    }

    /**
     * Whether the device was in acting states from {@code fromMillis} to {@code untilMillis}: it had
     * entered one by then, and entered no state at rest before the end. A device that never
     * reported a state was not seen acting.
     */
    boolean actingThroughout(String device, long fromMillis, long untilMillis) {
        List<StateObserved> states = byDevice.getOrDefault(device, List.of());
        StateObserved atStart = null;
        for (StateObserved state : states) {
            if (state.atMillis() <= fromMillis) {
                atStart = state;
            } else if (state.atMillis() < untilMillis && state.atRest()) {
                return false;
            }
        }
        return atStart != null && !atStart.atRest();
    }
}
