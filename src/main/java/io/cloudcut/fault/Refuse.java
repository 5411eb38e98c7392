package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Closes the listening socket, so that a new connection is refused at once (ECONNREFUSED): nothing is
 * accepted and nothing is opened towards the broker. Two fault kinds are made of it:
 * <ul>
 *   <li>{@code refuse}: open connections are closed with a FIN too; the broker looks down, as after a
 *   crash or a redeploy;</li>
 *   <li>{@code unresolvable}: open connections carry on, for they were resolved before: the broker's
 *   name no longer resolves, as DynamoDB's endpoint did on 20 Oct 2025, and a device fails at its
 *   lookup, before it sends anything.</li>
 * </ul>
 */
final class Refuse implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.REFUSE);
    static final String UNRESOLVABLE = WireNames.of(LinkFaultKind.UNRESOLVABLE);

    private final String name;
    private final boolean closesOpenConnections;

    private Refuse(String name, boolean closesOpenConnections) {
        this.name = name;
        this.closesOpenConnections = closesOpenConnections;
    }

    static Refuse everything() {
        return new Refuse(NAME, true);
    }

    static Refuse newConnections() {
        return new Refuse(UNRESOLVABLE, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean acceptsConnections() {
        return false;
    }

    @Override
    public boolean noticedAtOnce() {
        return true;
    }

    @Override
    public void onApply(LinkControl link) {
        if (closesOpenConnections) {
            link.connections().forEach(ProxiedConnection::close);
        }
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        // Accepted by the kernel just before the listening socket closed: refused all the same.
        connection.reset();
    }
}
