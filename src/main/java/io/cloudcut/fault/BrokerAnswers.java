package io.cloudcut.fault;

import java.util.Arrays;

/**
 * The PUBLISHes of QoS 1 and 2 that the proxy sent the broker for one device connection and that the broker has not
 * answered yet (PUBACK; PUBREC for QoS 2), each with when it left: how long the broker keeps the device waiting for an
 * answer, whatever the link's faults do before the publish leaves or after the answer is read. Known only where the
 * proxy reads packets: every MQTT 5 connection, an MQTT 3.1.1 one while a fault reads its packets. Written on the
 * link's event loop; the oldest wait is read from any thread.
 */
final class BrokerAnswers {

    private static final long NONE = Long.MAX_VALUE;

    /** A device has no more publishes in flight than its broker's Receive Maximum: a few, scanned whole. */
    private int[] ids = new int[4];
    private long[] sentNanos = new long[4];
    private int size;
    private volatile long oldestSentNanos = NONE;

    /** The publish {@code id} left for the broker at {@code atNanos} ({@link System#nanoTime()}). */
    void sent(int id, long atNanos) {
        int at = indexOf(id);
        if (at < 0) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                sentNanos = Arrays.copyOf(sentNanos, size * 2);
            }
            at = size++;
            ids[at] = id;
        }
        sentNanos[at] = atNanos;
        oldestChanged();
    }

    /** The broker answered the publish {@code id}, if it was waiting. */
    void answered(int id) {
        int at = indexOf(id);
        if (at >= 0) {
            size--;
            ids[at] = ids[size];
            sentNanos[at] = sentNanos[size];
            oldestChanged();
        }
    }

    /** The connection ended: nothing waits on it any more. */
    void forget() {
        size = 0;
        oldestSentNanos = NONE;
    }

    /** Whether any publish waits for its answer. */
    boolean waiting() {
        return oldestSentNanos != NONE;
    }

    /** How long the publish left unanswered the longest has waited at {@code nowNanos}; 0 when none waits. */
    long longestWaitNanos(long nowNanos) {
        long oldest = oldestSentNanos;
        return oldest == NONE ? 0 : Math.max(0, nowNanos - oldest);
    }

    private int indexOf(int id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private void oldestChanged() {
        long oldest = NONE;
        for (int i = 0; i < size; i++) {
            oldest = Math.min(oldest, sentNanos[i]);
        }
        oldestSentNanos = oldest;
    }
}
