package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The copies that {@code duplicate-publish} makes of the publishes one direction of an MQTT 5 connection carries.
 * MQTT 5 holds a sender to the Receive Maximum its receiver announced, and the embedded HiveMQ counts every PUBLISH of
 * QoS 1 or 2 against it, a copy of one still unacknowledged too; it closed such devices with {@code receive maximum
 * exceeded (0x93)}. So:
 * <ul>
 *   <li>a QoS 1 copy waits for its original's PUBACK, which goes no further: the copy takes the original's place in
 *   the window, and its own PUBACK answers the sender;</li>
 *   <li>a QoS 2 publish is not copied: its copy is the same message only while its original's handshake runs, when
 *   the embedded HiveMQ counts it against the window and never gives its place back (the tenth such copy closed a
 *   device that had one publish at a time in flight);</li>
 *   <li>a QoS 0 copy goes right behind its original, as on MQTT 3.1.1.</li>
 * </ul>
 * Confined to the link's event loop.
 */
final class MqttFiveCopies {

    private final Map<Integer, ByteBuf> awaitingPuback = new HashMap<>();

    /**
     * The copy of {@code packet}, forwarded as {@code sent}, to send right behind it; or null, held for its PUBACK, or
     * not made. {@code resolved} is the packet with its topic filled in (see {@link TopicAliases}), which a held copy
     * with an alias is sent as: by the time the copy goes, the sender may have set the alias to another topic.
     */
    ByteBuf copyNow(MqttMessage packet, MqttMessage resolved, ByteBuf sent, Function<MqttMessage, ByteBuf> encode) {
        if (!(packet instanceof MqttPublishMessage publish) || publish.fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return MqttFraming.redelivery(packet, sent);
        }
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            MqttPublishMessage whole = (MqttPublishMessage) resolved;
            ByteBuf copy = hasTopicAlias(publish) && !whole.variableHeader().topicName().isEmpty()
                    ? encode.apply(redeliveryWithoutTopicAlias(whole))
                    : MqttFraming.redelivery(publish, sent);
            ByteBuf replaced = awaitingPuback.put(publish.variableHeader().packetId(), copy);
            if (replaced != null) {
                // A sender reuses an id once its original was acknowledged: that PUBACK was lost to a fault on the way back.
                replaced.release();
            }
        }
        return null;
    }

    /** The copy that {@code packet} lets go, if it is the PUBACK of an original whose copy is held; it then goes no further. */
    ByteBuf releasedBy(MqttMessage packet) {
        if (awaitingPuback.isEmpty() || packet.fixedHeader().messageType() != MqttMessageType.PUBACK
                || !(packet.variableHeader() instanceof MqttMessageIdVariableHeader acknowledged)) {
            return null;
        }
        return awaitingPuback.remove(acknowledged.messageId());
    }

    /** The connection has ended: the copies still held go nowhere. */
    void discard() {
        awaitingPuback.values().forEach(ByteBuf::release);
        awaitingPuback.clear();
    }

    private static boolean hasTopicAlias(MqttPublishMessage publish) {
        return publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS) != null;
    }

    /** {@code publish} marked DUP, with its topic in full; the encoder releases what it encodes, so its payload is retained. */
    private static MqttPublishMessage redeliveryWithoutTopicAlias(MqttPublishMessage publish) {
        MqttProperties properties = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : publish.variableHeader().properties().listAll()) {
            if (property.propertyId() != MqttProperties.TOPIC_ALIAS) {
                properties.add(property);
            }
        }
        MqttFixedHeader header = publish.fixedHeader();
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, true, header.qosLevel(), header.isRetain(), 0),
                new MqttPublishVariableHeader(publish.variableHeader().topicName(), publish.variableHeader().packetId(), properties),
                publish.payload().retainedDuplicate());
    }
}
