package io.cloudcut.identity;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.cloudcut.mqtt.Credentials;

import java.util.List;

/** Bare HiveMQ clients, MQTT 3.1.1 and 5, to see exactly what a broker answers a client that logs in. */
final class LoginClients {

    private final int port;

    LoginClients(int port) {
        this.port = port;
    }

    Mqtt5BlockingClient v5(String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }

    Mqtt3BlockingClient v3(String clientId) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }

    /** The CONNACK's code when the broker refuses this client with these credentials (null: anonymous). */
    Mqtt5ConnAckReasonCode refusalV5(String clientId, Credentials credentials) {
        Mqtt5BlockingClient client = v5(clientId);
        try {
            if (credentials == null) {
                client.connect();
            } else {
                connect(client, credentials);
            }
        } catch (Mqtt5ConnAckException refused) {
            return refused.getMqttMessage().getReasonCode();
        }
        client.disconnect();
        throw new AssertionError(clientId + " was let in");
    }

    Mqtt3ConnAckReturnCode refusalV3(String clientId, Credentials credentials) {
        Mqtt3BlockingClient client = v3(clientId);
        try {
            if (credentials == null) {
                client.connect();
            } else {
                connect(client, credentials);
            }
        } catch (Mqtt3ConnAckException refused) {
            return refused.getMqttMessage().getReturnCode();
        }
        client.disconnect();
        throw new AssertionError(clientId + " was let in");
    }

    static void connect(Mqtt5BlockingClient client, Credentials credentials) {
        client.connectWith().simpleAuth().username(credentials.username()).password(credentials.passwordBytes())
                .applySimpleAuth().send();
    }

    static void connect(Mqtt3BlockingClient client, Credentials credentials) {
        client.connectWith().simpleAuth().username(credentials.username()).password(credentials.passwordBytes())
                .applySimpleAuth().send();
    }

    /** The SUBACK's codes, also when it refuses everything (which the client throws). */
    static List<Mqtt5SubAckReasonCode> subAck(Mqtt5BlockingClient client, String filter) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes();
        } catch (Mqtt5SubAckException refused) {
            return refused.getMqttMessage().getReasonCodes();
        }
    }

    static List<Mqtt3SubAckReturnCode> subAck(Mqtt3BlockingClient client, String filter) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReturnCodes();
        } catch (Mqtt3SubAckException refused) {
            return refused.getMqttMessage().getReturnCodes();
        }
    }
}
