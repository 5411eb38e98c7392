package io.cloudcut.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every link of one proxy shares: the proxy's clock, its events, whether connections are watched
 * packet by packet, the state faults keep across links, and a count of the connections accepted with no fault on
 * their link.
 */
final class SharedByLinks {

    private final LongSupplier clockNanos;
    private final Map<Object, Object> state = new ConcurrentHashMap<>();
    private final ProxyEvents events = new ProxyEvents();
    private volatile boolean watchesPackets;
    private final LongAdder unfaultedAccepts = new LongAdder();

    SharedByLinks(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
    }

    ProxyEvents events() {
        return events;
    }

    boolean watchesPackets() {
        return watchesPackets;
    }

    void watchPackets() {
        watchesPackets = true;
    }

    void acceptedUnfaulted() {
        unfaultedAccepts.increment();
    }

    long unfaultedAccepts() {
        return unfaultedAccepts.sum();
    }

    long clockNanos() {
        return clockNanos.getAsLong();
    }

    <T> T state(Object key, Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(key, absent -> create.get()));
    }
}
