package io.cloudcut.fault;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * An MQTT topic filter ({@code +} one level, {@code #} the rest) that matches topics as a broker does.
 * Netty has no matcher; the HiveMQ client's (already a dependency) follows the levels of the spec
 * exactly, where Paho's misses empty levels, but it leaves out one rule of the spec, added here.
 */
record TopicFilter(MqttTopicFilter filter) {

    /** @throws IllegalArgumentException saying what is wrong with {@code text} as a topic filter */
    static TopicFilter of(String text) {
        return new TopicFilter(MqttTopicFilter.of(text));
    }

    /** The filter in a fault's {@code topic} attribute, every topic ({@code #}) if absent. */
    static TopicFilter from(FaultAttributes attributes) {
        return attributes.text("topic", "#", TopicFilter::of);
    }

    boolean matches(String topic) {
        // MQTT 5 4.7.2: a filter starting with a wildcard never matches a topic starting with $ ($SYS/...).
        String text = filter.toString();
        if (topic.isEmpty()) {
            // An MQTT 5 PUBLISH by an alias its sender never set (the proxy reads every MQTT 5 connection from its
            // first byte): whatever topic it stands for, only a filter of every topic is sure to match it.
            return text.equals("#");
        }
        if (topic.startsWith("$") && (text.startsWith("#") || text.startsWith("+"))) {
            return false;
        }
        try {
            return filter.matches(MqttTopic.of(topic));
        } catch (IllegalArgumentException noTopicName) {
            return false;
        }
    }

    /** Whether {@code packet} is a PUBLISH to a topic this filter matches. */
    boolean matchesPublish(MqttMessage packet) {
        return packet instanceof MqttPublishMessage publish && matches(publish.variableHeader().topicName());
    }
}
