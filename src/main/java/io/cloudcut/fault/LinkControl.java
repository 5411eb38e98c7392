package io.cloudcut.fault;

import java.util.List;

/** What a fault may act on while it is active on a link. Call only from the fault's hooks or scheduled tasks. */
public interface LinkControl {

    /** The device connections open at this moment. */
    List<ProxiedConnection> connections();

    /** Runs {@code task} on the link's event loop after {@code delayMillis}, unless the fault is removed first. */
    void schedule(Runnable task, long delayMillis);

    /** The fault's {@link LinkFault#acceptsConnections()} changed: the link binds or closes its listening socket. */
    void acceptsConnectionsChanged();
}
