package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

/**
 * Drops every byte both ways while keeping sockets open: devices notice only when their MQTT
 * keepalive goes unanswered, as behind a dead NAT or a silently failing mobile link. A close is lost
 * too, so the broker learns that a device gave up only through its own keepalive timeout, and the
 * device does not learn that the broker dropped it. A connection made during the blackhole never
 * reaches the broker: the proxy accepts it and swallows what it sends, and opens its broker side only
 * once the blackhole lifts, as a path that comes back mid-handshake does.
 */
final class Blackhole implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.BLACKHOLE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean opensUpstream() {
        return false;
    }

    @Override
    public Verdict onBytes(Direction direction, int length) {
        return Verdict.DROP;
    }

    @Override
    public Verdict onClose(Direction direction) {
        return Verdict.DROP;
    }
}
