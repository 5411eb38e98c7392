package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * Delivers PUBLISH packets whose topic matches the filter in {@code topic} twice, the second copy
 * marked DUP when its QoS is above 0, as a client or bridge that resends after a lost ack does: what
 * is tested is the receiver's duplicate detection (QoS 1 promises at least once, not once).
 */
final class DuplicatePublish implements LinkFault {

    static final String NAME = "duplicate-publish";

    private final TopicFilter topics;

    DuplicatePublish(FaultAttributes attributes) {
        this.topics = TopicFilter.from(attributes);
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
        return topics.matchesPublish(packet) ? Verdict.DUPLICATE : Verdict.FORWARD;
    }
}
