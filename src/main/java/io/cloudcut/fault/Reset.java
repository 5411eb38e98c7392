package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Kills every connection with a TCP RST to both sides, and each new one as soon as it is accepted:
 * devices see "connection reset" at once, and so does the broker, as when a firewall or load balancer
 * drops its state.
 */
final class Reset implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.RESET);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean noticedAtOnce() {
        return true;
    }

    @Override
    public void onApply(LinkControl link) {
        link.connections().forEach(ProxiedConnection::reset);
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        connection.reset();
    }
}
