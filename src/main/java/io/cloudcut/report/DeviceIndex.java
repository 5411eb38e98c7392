package io.cloudcut.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The run's devices numbered as they are first seen, so that sets of devices per probe round are bit sets. */
final class DeviceIndex {

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    int numberOf(String device) {
        return numbers.computeIfAbsent(device, id -> {
            ids.add(id);
            return ids.size() - 1;
        });
    }

    String idOf(int number) {
        return ids.get(number);
    }
}
