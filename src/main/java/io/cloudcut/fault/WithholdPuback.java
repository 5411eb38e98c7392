package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

/**
 * Drops the PUBACKs the broker sends the device, so that its QoS 1 publishes reach the broker but are
 * never acknowledged, as with an overloaded broker or a lost return path: only the client's own
 * publish timeout notices. Acts on the broker's acks only, so it takes no direction.
 */
final class WithholdPuback implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.WITHHOLD_PUBACK);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsPackets() {
        return true;
    }

    @Override
    public Verdict onPacket(Direction direction, MqttMessage packet) {
        return direction == Direction.DOWNSTREAM && packet.fixedHeader().messageType() == MqttMessageType.PUBACK
                ? Verdict.DROP : Verdict.FORWARD;
    }
}
