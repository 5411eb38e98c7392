package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * Drops PUBLISH packets whose topic matches the filter in {@code topic} and lets every other packet
 * through, as a broker whose ACL or bridge silently discards one kind of message does.
 */
final class DropPublish implements LinkFault {

    static final String NAME = "drop-publish";

    private final TopicFilter topics;

    DropPublish(FaultAttributes attributes) {
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
        return topics.matchesPublish(packet) ? Verdict.DROP : Verdict.FORWARD;
    }
}
