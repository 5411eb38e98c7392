package io.cloudcut.fault;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of a link's connections: every open one and the latest {@link #CLOSED_KEPT} closed ones,
 * oldest first, so that a long run keeps a bounded history. Safe from any thread.
 */
final class ConnectionHistory {

    static final int CLOSED_KEPT = 1_000;

    private final String link;
    private final ProxyEvents events;
    private final Map<String, ConnectionRecord> records = new LinkedHashMap<>();
    private final Deque<String> closedIds = new ArrayDeque<>();
    private long lastNumber;

    ConnectionHistory(String link, ProxyEvents events) {
        this.link = link;
        this.events = events;
    }

    /** A record for the next connection accepted, numbered from 1. */
    synchronized ConnectionRecord opened() {
        ConnectionRecord record = new ConnectionRecord(link, ++lastNumber, events);
        records.put(record.id(), record);
        return record;
    }

    /** Marks {@code record} closed, forgetting the oldest closed record beyond {@link #CLOSED_KEPT}. */
    void closed(ConnectionRecord record) {
        record.closed();
        synchronized (this) {
            closedIds.add(record.id());
            if (closedIds.size() > CLOSED_KEPT) {
                records.remove(closedIds.remove());
            }
        }
    }

    synchronized List<ConnectionRecord> all() {
        return List.copyOf(records.values());
    }

    synchronized Optional<ConnectionRecord> byId(String id) {
        return Optional.ofNullable(records.get(id));
    }
}
