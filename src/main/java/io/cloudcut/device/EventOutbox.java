package io.cloudcut.device;

import io.cloudcut.scenario.BufferPolicy;
import io.cloudcut.scenario.Overflow;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * A device's outgoing events and their account. Every event generated is, at any moment, exactly one
 * of: delivered (acknowledged), in flight, waiting in the offline buffer, or dropped with a reason.
 * Waiting events are kept in sequence order, so that one returned after a lost connection goes back
 * in its place.
 */
final class EventOutbox {

    static final String DROPPED_OVERFLOW = "overflow";
    static final String DROPPED_NO_BUFFER = "no-buffer";

    /**
     * One event on its way to the cloud, generated at {@code generatedAtMillis} on the device's scenario clock and at
     * {@code generatedAtNanos} of real time; {@code waitedForAConnection} once it had to wait for one (generated while
     * cut off, or returned by a connection that went).
     */
    record Event(long seq, JsonObject payload, long generatedAtMillis, long generatedAtNanos, boolean waitedForAConnection) {

        Event waitingForAConnection() {
            return waitedForAConnection ? this : new Event(seq, payload, generatedAtMillis, generatedAtNanos, true);
        }
    }

    private final BufferPolicy policy;
    private final TreeMap<Long, Event> waiting = new TreeMap<>();
    private final Map<String, Long> dropped = new TreeMap<>();
    private long nextSeq;
    private long delivered;
    private int inFlight;

    EventOutbox(BufferPolicy policy) {
        this.policy = policy;
    }

    /**
     * Accounts a new event, generated now ({@code scenarioMillis}, {@code realNanos}), and keeps it waiting (or drops
     * one, when the buffer is full).
     */
    void add(JsonObject payload, long scenarioMillis, long realNanos, boolean connected) {
        long seq = nextSeq++;
        keep(new Event(seq, payload.put("seq", seq), scenarioMillis, realNanos, !connected));
    }

    /** The oldest waiting event, now in flight; null when none waits. */
    Event takeNext() {
        Map.Entry<Long, Event> oldest = waiting.pollFirstEntry();
        if (oldest == null) {
            return null;
        }
        inFlight++;
        return oldest.getValue();
    }

    void acknowledged() {
        inFlight--;
        delivered++;
    }

    /** An in-flight event whose delivery failed waits again, in sequence order. */
    void returned(Event event) {
        inFlight--;
        keep(event);
    }

    /** An in-flight event whose connection went waits again, in sequence order, for the next. */
    void returnedForANewConnection(Event event) {
        returned(event.waitingForAConnection());
    }

    int inFlight() {
        return inFlight;
    }

    long generated() {
        return nextSeq;
    }

    long delivered() {
        return delivered;
    }

    long buffered() {
        return waiting.size() + inFlight;
    }

    Map<String, Long> dropped() {
        return Map.copyOf(dropped);
    }

    private void keep(Event event) {
        if (policy.capacity() == 0) {
            drop(DROPPED_NO_BUFFER);
            return;
        }
        waiting.put(event.seq(), event);
        if (waiting.size() > policy.capacity()) {
            if (policy.overflow() == Overflow.DROP_OLDEST) {
                waiting.pollFirstEntry();
            } else {
                waiting.pollLastEntry();
            }
            drop(DROPPED_OVERFLOW);
        }
    }

    private void drop(String reason) {
        dropped.merge(reason, 1L, Long::sum);
    }
}
