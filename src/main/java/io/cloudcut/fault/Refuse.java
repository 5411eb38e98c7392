package io.cloudcut.fault;

/**
 * Closes the listening socket, so new connections get ECONNREFUSED, and closes open connections with
 * a FIN: the broker looks down, as after a crash or a redeploy.
 */
final class Refuse implements LinkFault {

    static final String NAME = "refuse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean acceptsConnections() {
        return false;
    }

    @Override
    public void onApply(LinkControl link) {
        link.connections().forEach(ProxiedConnection::close);
    }
}
