package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Takes the link down for {@code down} ms (open connections reset, new ones refused), then up for
 * {@code up} ms, and again, as a flaky Wi-Fi or a crash-looping gateway does. Starts with down.
 */
final class Flap implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.FLAP);

    private final long downMillis;
    private final long upMillis;
    private boolean down;

    Flap(FaultAttributes attributes) {
        this.downMillis = attributes.whole("down", 2_000, 1, FaultAttributes.MAX_MILLIS);
        this.upMillis = attributes.whole("up", 2_000, 1, FaultAttributes.MAX_MILLIS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean acceptsConnections() {
        return !down;
    }

    @Override
    public void onApply(LinkControl link) {
        goDown(link);
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        // Accepted by the kernel just before the listening socket closed.
        if (down) {
            connection.reset();
        }
    }

    private void goDown(LinkControl link) {
        down = true;
        link.connections().forEach(ProxiedConnection::reset);
        link.acceptsConnectionsChanged();
        link.schedule(() -> goUp(link), downMillis);
    }

    private void goUp(LinkControl link) {
        down = false;
        link.acceptsConnectionsChanged();
        link.schedule(() -> goDown(link), upMillis);
    }
}
