package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttMessage;

/** A fault that judges bytes and closes in one direction only and lets the other direction through. */
record OneWay(LinkFault fault, Direction direction) implements LinkFault {

    @Override
    public String name() {
        return fault.name();
    }

    @Override
    public boolean acceptsConnections() {
        return fault.acceptsConnections();
    }

    @Override
    public boolean opensUpstream() {
        return fault.opensUpstream();
    }

    @Override
    public boolean oneShot() {
        return fault.oneShot();
    }

    @Override
    public void onApply(LinkControl link) {
        fault.onApply(link);
    }

    @Override
    public void onRemove(LinkControl link) {
        fault.onRemove(link);
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        fault.onNewConnection(connection);
    }

    @Override
    public boolean readsPackets() {
        return fault.readsPackets();
    }

    @Override
    public Verdict onPacket(Direction direction, MqttMessage packet) {
        return direction == this.direction ? fault.onPacket(direction, packet) : Verdict.FORWARD;
    }

    @Override
    public Verdict onBytes(Direction direction, int length) {
        return direction == this.direction ? fault.onBytes(direction, length) : Verdict.FORWARD;
    }

    @Override
    public Verdict onClose(Direction direction) {
        return direction == this.direction ? fault.onClose(direction) : Verdict.FORWARD;
    }
}
