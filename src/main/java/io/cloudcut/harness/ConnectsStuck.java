package io.cloudcut.harness;

import io.cloudcut.mqtt.StuckConnects;
import io.cloudcut.observation.ConnectsStuckObserved;

import java.util.List;
import java.util.Map;

/** A process's count of connects left waiting for ever, as observations of the run's devices it hosted. */
final class ConnectsStuck {

    private ConnectsStuck() {
    }

    /** One for each device in {@code modelByDevice} (the run's, hosted here) that left any, at {@code atMillis}. */
    static List<ConnectsStuckObserved> observed(StuckConnects stuck, Map<String, String> modelByDevice, long atMillis) {
        return stuck.byDevice().entrySet().stream()
                .filter(device -> modelByDevice.containsKey(device.getKey()))
                .map(device -> new ConnectsStuckObserved(atMillis, device.getKey(), modelByDevice.get(device.getKey()),
                        device.getValue()))
                .toList();
    }
}
