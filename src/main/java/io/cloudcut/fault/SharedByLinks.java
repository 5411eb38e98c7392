package io.cloudcut.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** What every link of one proxy shares: the proxy's clock, and the state faults keep across links. */
final class SharedByLinks {

    private final LongSupplier clockNanos;
    private final Map<Object, Object> state = new ConcurrentHashMap<>();

    SharedByLinks(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
    }

    long clockNanos() {
        return clockNanos.getAsLong();
    }

    <T> T state(Object key, Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(key, absent -> create.get()));
    }
}
