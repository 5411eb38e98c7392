package io.cloudcut.fault;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The MQTT 5 topic aliases of one direction of a connection. A sender that has sent a topic once with an
 * alias may send later PUBLISHes with the alias alone (Paho's MQTT 5 client does, wherever the broker
 * allows aliases); so that faults judge such a PUBLISH by its topic, they are shown it with the topic
 * filled in. And when a fault drops the PUBLISH that told the receiver an alias, the next one forwarded
 * with that alias alone is rewritten with its topic, or the receiver would end the connection for an
 * unknown alias. Confined to the link's event loop.
 */
final class TopicAliases {

    private final Map<Integer, String> topics = new HashMap<>();
    /** Aliases the sender has set whose setting PUBLISH a fault kept from the receiver; made at the first such drop. */
    private Set<Integer> unknownToReceiver;

    /** {@code packet} with its topic filled in if it is a PUBLISH with an alias alone; otherwise itself. */
    MqttMessage resolve(MqttMessage packet) {
        if (!(packet instanceof MqttPublishMessage publish)) {
            return packet;
        }
        Integer alias = alias(publish);
        if (alias == null) {
            return packet;
        }
        String topic = publish.variableHeader().topicName();
        if (!topic.isEmpty()) {
            topics.put(alias, topic);
            return packet;
        }
        String known = topics.get(alias);
        return known == null ? packet : withTopic(publish, known);
    }

    /** A fault dropped {@code packet}: if it set an alias, the receiver does not know it. */
    void dropped(MqttMessage packet) {
        if (packet instanceof MqttPublishMessage publish && alias(publish) != null && !publish.variableHeader().topicName().isEmpty()) {
            if (unknownToReceiver == null) {
                unknownToReceiver = new HashSet<>();
            }
            unknownToReceiver.add(alias(publish));
        }
    }

    /**
     * The bytes to forward for {@code packet} ({@code resolved} by {@link #resolve}): {@code bytes}, or, for a
     * PUBLISH whose alias the receiver does not know, {@code resolved} encoded by {@code encode} in their place.
     */
    ByteBuf forwarded(MqttMessage packet, MqttMessage resolved, ByteBuf bytes, Function<MqttMessage, ByteBuf> encode) {
        if (!(packet instanceof MqttPublishMessage publish) || alias(publish) == null || unknownToReceiver == null
                || !unknownToReceiver.remove(alias(publish))
                || !publish.variableHeader().topicName().isEmpty()) {
            // Known to the receiver, or told it again by this very PUBLISH.
            return bytes;
        }
        bytes.release();
        // The encoder releases what it encodes; the payload still belongs to the decoded packet.
        return encode.apply(((MqttPublishMessage) resolved).retainedDuplicate());
    }

    private static Integer alias(MqttPublishMessage publish) {
        MqttProperties.MqttProperty<?> property = publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS);
        return property == null ? null : (Integer) property.value();
    }

    private static MqttPublishMessage withTopic(MqttPublishMessage publish, String topic) {
        MqttPublishVariableHeader header = publish.variableHeader();
        return new MqttPublishMessage(publish.fixedHeader(),
                new MqttPublishVariableHeader(topic, header.packetId(), header.properties()), publish.payload());
    }
}
