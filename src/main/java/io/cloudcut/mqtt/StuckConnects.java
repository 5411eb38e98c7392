package io.cloudcut.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * Paho's connects that would have waited for ever, by device (client id), counted in this JVM
 * ({@link MqttStacks#stuckConnects()}). Paho 1.2.5's connect waits for each loop it starts to say it runs, and one whose
 * connection ended first never does (eclipse-paho/paho.mqtt.java#953): a real device on Paho keeps such a thread for
 * each such connect, and wakes it ten times a second. Here they are {@code ended} once found, unless this JVM cannot
 * end a thread (Java 20 on).
 *
 * @param byDevice how many connects of each device waited for ever; no zero counts
 * @param ended    whether each was ended once found; if not, they wait on in this process
 */
public record StuckConnects(Map<String, Long> byDevice, boolean ended) {

    public StuckConnects {
        byDevice = Map.copyOf(byDevice);
    }

    /** Threads left waiting: one a connect. */
    public long threads() {
        return byDevice.values().stream().mapToLong(Long::longValue).sum();
    }

    public int devices() {
        return byDevice.size();
    }

    public boolean isEmpty() {
        return byDevice.isEmpty();
    }

    /** Those counted after {@code earlier}, a count of this JVM's taken before. */
    public StuckConnects since(StuckConnects earlier) {
        Map<String, Long> after = new HashMap<>();
        byDevice.forEach((device, count) -> {
            long added = count - earlier.byDevice.getOrDefault(device, 0L);
            if (added > 0) {
                after.put(device, added);
            }
        });
        return new StuckConnects(after, ended);
    }
}
