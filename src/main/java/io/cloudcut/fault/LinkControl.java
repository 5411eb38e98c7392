package io.cloudcut.fault;

import java.util.List;
import java.util.function.Supplier;

/** What a fault may act on while it is active on a link. Call only from the fault's hooks or scheduled tasks. */
public interface LinkControl {

    /** The device connections open at this moment. */
    List<ProxiedConnection> connections();

    /** Runs {@code task} on the link's event loop after {@code delayMillis}, unless the fault is removed first. */
    void schedule(Runnable task, long delayMillis);

    /** The fault's {@link LinkFault#acceptsConnections()} changed: the link binds or closes its listening socket. */
    void acceptsConnectionsChanged();

    /**
     * Now on the proxy's clock, in nanoseconds from an arbitrary origin: scenario time for a proxy
     * made with a scenario clock, real time otherwise. For rates that act on devices, whose own
     * waits (backoff) run on that clock.
     */
    long clockNanos();

    /**
     * The state that every link of this proxy finds under {@code key}, made by {@code create} for the
     * first to ask: for a fault whose effect depends on the whole fleet (a connect rate). It is used
     * from the event loops of several links at once, so it must be safe for that; it lives as long
     * as the proxy.
     */
    <T> T shared(Object key, Class<T> type, Supplier<T> create);
}
