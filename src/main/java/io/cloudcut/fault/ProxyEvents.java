package io.cloudcut.fault;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where a proxy announces its {@link ProxyEvent}s. Listeners are called on the thread that made the
 * change, often a link's event loop: they must not block.
 */
public final class ProxyEvents {

    private final List<Consumer<ProxyEvent>> listeners = new CopyOnWriteArrayList<>();

    /** @return what stops the listening */
    public Runnable listen(Consumer<ProxyEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(String event, Map<String, Object> about) {
        if (listeners.isEmpty()) {
            return;
        }
        ProxyEvent published = new ProxyEvent(Instant.now(), event, about);
        listeners.forEach(listener -> listener.accept(published));
    }
}
