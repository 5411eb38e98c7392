package io.cloudcut.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A round's probes spread over a stretch of time: the fleet in at most {@link #MAX} slots of
 * devices, in order, each slot starting an equal share of the stretch after the one before. A large
 * fleet probed at once would swamp the cloud it measures, and the backlog would fail the next probes.
 */
final class ProbeSlots {

    /** Slots a round is cut into at most. */
    static final int MAX = 64;

    /** Devices whose probes start together, {@code offset} after the round's start. */
    record Slot(Duration offset, List<DeviceRef> devices) {
    }

    private ProbeSlots() {
    }

    /** The fleet's slots spread over {@code stretch}: the first at its start, the last a slot's share before its end. */
    static List<Slot> over(List<DeviceRef> devices, Duration stretch) {
        int slots = Math.min(devices.size(), MAX);
        List<Slot> spread = new ArrayList<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            spread.add(new Slot(stretch.multipliedBy(slot).dividedBy(slots),
                    devices.subList(slot * devices.size() / slots, (slot + 1) * devices.size() / slots)));
        }
        return spread;
    }
}
