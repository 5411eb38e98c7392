package io.cloudcut.report;

import java.util.Map;

/**
 * The account of every event a model's devices generated: delivered (acknowledged by the broker),
 * still buffered, or dropped with a reason; {@code generated == delivered + buffered + dropped}
 * always. The cloud's side: how many distinct events ingest received while it was up
 * ({@code reachedCloud}; a delivered event that never reached it was lost in the cloud), and how
 * many arrived twice or out of order. Apart from events, {@code malformed}: the messages the
 * devices received and rejected as malformed.
 */
public record EventsReport(long generated, long delivered, long buffered, Map<String, Long> dropped,
                           long reachedCloud, long duplicates, long reordered, long malformed) {

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean balanced() {
        return generated == delivered + buffered + droppedTotal();
    }

    /** Acknowledged by the broker but never received by ingest (it was down). */
    public long lostInCloud() {
        return Math.max(0, delivered - reachedCloud);
    }
}
