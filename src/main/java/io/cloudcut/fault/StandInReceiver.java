package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The receiver's part in the QoS handshakes of the PUBLISHes that one direction of a connection drops
 * with {@link LinkFault.Verdict#acknowledged()}: the proxy answers them as a receiver that took them
 * and discarded them (a broker's ACL does so), so that the sender forgets them instead of sending them
 * again. A QoS 2 publish is answered with PUBREC, and its PUBREL, which the real receiver would not
 * know, with PUBCOMP. Confined to the link's event loop.
 */
final class StandInReceiver {

    /**
     * Ids of QoS 2 publishes answered with PUBREC whose PUBREL has not come yet; made at the first, as every MQTT 5
     * connection has a receiver standing by each way, and few ever stand in.
     */
    private Set<Integer> awaitingRelease;

    /** The answer to a dropped {@code packet}, if it is a PUBLISH that its sender expects one for. */
    Optional<MqttMessage> answerDropped(MqttMessage packet) {
        if (!(packet instanceof MqttPublishMessage publish) || publish.fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return Optional.empty();
        }
        int id = publish.variableHeader().packetId();
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            return Optional.of(reply(MqttMessageType.PUBACK, id));
        }
        if (awaitingRelease == null) {
            awaitingRelease = new HashSet<>();
        }
        awaitingRelease.add(id);
        return Optional.of(reply(MqttMessageType.PUBREC, id));
    }

    /** The PUBCOMP for {@code packet} if it releases a publish answered here; it then goes no further. */
    Optional<MqttMessage> answerRelease(MqttMessage packet) {
        if (packet.fixedHeader().messageType() != MqttMessageType.PUBREL
                || !(packet.variableHeader() instanceof MqttMessageIdVariableHeader released)
                || awaitingRelease == null || !awaitingRelease.remove(released.messageId())) {
            return Optional.empty();
        }
        return Optional.of(reply(MqttMessageType.PUBCOMP, released.messageId()));
    }

    /**
     * Encoded as the device's MQTT version wants: 3.1.1 with the id alone, MQTT 5 with reason code
     * success, as a silent discard answers (Mosquitto's ACL answers an MQTT 5 client 0x87 instead).
     */
    private static MqttMessage reply(MqttMessageType type, int id) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(id, MqttPubReplyMessageVariableHeader.REASON_CODE_OK, MqttProperties.NO_PROPERTIES));
    }
}
