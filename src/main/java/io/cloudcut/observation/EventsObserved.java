package io.cloudcut.observation;

import java.util.Map;

/**
 * A device's account of the events it generated, at the end of a run: every one is delivered
 * (acknowledged by the broker), still buffered, or dropped with a reason; and the messages it
 * received and rejected as malformed ({@code malformed}: not what its topic's protocol has).
 */
public record EventsObserved(long atMillis, String device, String model, long generated, long delivered,
                             long buffered, Map<String, Long> dropped, int connects, int reconnectAttempts,
                             boolean gaveUp, long malformed) implements Observation {

    public EventsObserved {
        dropped = Map.copyOf(dropped);
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
