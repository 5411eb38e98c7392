package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY;
import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;

/** One way to refuse a CONNECT, as MQTT 5 and as MQTT 3.1.1 (which has fewer return codes) say it. */
record Refusal(MqttConnectReturnCode mqtt5, MqttConnectReturnCode mqtt3) {

    /** A broker too busy to take the connection: 0x89 in MQTT 5, 3 (server unavailable) in 3.1.1. */
    static final Refusal SERVER_BUSY = new Refusal(CONNECTION_REFUSED_SERVER_BUSY, CONNECTION_REFUSED_SERVER_UNAVAILABLE);

    /** The CONNACK that refuses {@code connect}, in the device's MQTT version. */
    MqttMessage answer(MqttConnectMessage connect) {
        boolean mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        return MqttMessageBuilders.connAck().returnCode(mqtt5 ? mqtt5() : mqtt3()).build();
    }
}
