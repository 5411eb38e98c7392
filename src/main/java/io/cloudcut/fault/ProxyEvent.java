package io.cloudcut.fault;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something the proxy did or saw: a connection changed state ({@code connection-connecting},
 * {@code connection-connected}, {@code connection-refused}, {@code connection-closed}) or a fault
 * changed ({@code fault-added}, {@code fault-done}, {@code fault-removed}, {@code fault-expired}), or a link stopped
 * or started taking new connections ({@code link-closed}, {@code link-reopened}), with what identifies it
 * ({@code connection}, its {@code link} and {@code clientId}; {@code fault} and {@code type}; or the {@code link} and
 * the {@code faults} still on it).
 */
public record ProxyEvent(Instant time, String event, Map<String, Object> about) {

    public ProxyEvent {
        // Not Map.copyOf: a client id may be unknown (null).
        about = Collections.unmodifiableMap(new LinkedHashMap<>(about));
    }
}
