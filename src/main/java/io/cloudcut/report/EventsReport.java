package io.cloudcut.report;

import java.util.Map;

/**
 * The account of every event a model's devices generated: delivered (acknowledged), still buffered,
 * or dropped with a reason. {@code generated == delivered + buffered + dropped} always.
 */
public record EventsReport(long generated, long delivered, long buffered, Map<String, Long> dropped) {

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean balanced() {
        return generated == delivered + buffered + droppedTotal();
    }
}
