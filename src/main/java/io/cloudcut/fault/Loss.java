package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.Random;

/**
 * Drops whole MQTT packets at random with {@code probability}, as a lossy bridge or an overloaded
 * broker does (TCP itself never loses part of a stream). The {@code seed} makes a run reproducible.
 */
final class Loss implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.LOSS);

    private final double probability;
    private final Random random;

    Loss(FaultAttributes attributes) {
        this.probability = attributes.decimal("probability", 0.5, 0, 1);
        this.random = new Random(attributes.whole("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    }

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
        return random.nextDouble() < probability ? Verdict.DROP : Verdict.FORWARD;
    }
}
