package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * Holds PUBLISH packets whose topic matches the filter in {@code topic} for {@code delay} ms, as a
 * congested bridge or rule engine does; packets behind them on the connection wait too, because TCP
 * keeps order.
 */
final class DelayPublish implements LinkFault {

    static final String NAME = "delay-publish";

    private final TopicFilter topics;
    private final long delayMillis;

    DelayPublish(FaultAttributes attributes) {
        this.topics = TopicFilter.from(attributes);
        this.delayMillis = attributes.millis("delay", 1_000);
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
        return topics.matchesPublish(packet) ? Verdict.delay(delayMillis) : Verdict.FORWARD;
    }
}
