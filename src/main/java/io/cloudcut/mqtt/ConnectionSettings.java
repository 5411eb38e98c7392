package io.cloudcut.mqtt;

import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.trust.ClientTls;

import java.time.Duration;
import java.util.List;

/**
 * What a device connection needs: who it is, where the broker (or its link) is, its keepalive and
 * how long it waits for a CONNACK or PUBACK (real time: a blackholed link accepts TCP but never
 * answers, and some clients would wait forever), the topic filters it subscribes to at every
 * connect, the MQTT session it asks for (clean or kept, and for how long), and its reconnect
 * policy, timed on the scenario clock; its Last Will, if any ({@code null}: none); the
 * credentials it connects with ({@code null}: anonymous, which a broker with identities refuses);
 * and its TLS settings ({@code null}: plain TCP).
 */
public record ConnectionSettings(String clientId, String host, int port, Duration keepAlive, Duration ackTimeout,
                                 MqttSessionPolicy session, List<String> subscriptions, ReconnectPolicy reconnect,
                                 ScenarioClock clock, Will will, Credentials credentials, ClientTls tls) {

    public ConnectionSettings {
        subscriptions = List.copyOf(subscriptions);
    }

    /** Settings without a Last Will. */
    public ConnectionSettings(String clientId, String host, int port, Duration keepAlive, Duration ackTimeout,
                              MqttSessionPolicy session, List<String> subscriptions, ReconnectPolicy reconnect,
                              ScenarioClock clock) {
        this(clientId, host, port, keepAlive, ackTimeout, session, subscriptions, reconnect, clock, null, null, null);
    }

    /** The same settings with this Last Will, sent with every CONNECT. */
    public ConnectionSettings withWill(Will lastWill) {
        return new ConnectionSettings(clientId, host, port, keepAlive, ackTimeout, session, subscriptions, reconnect,
                clock, lastWill, credentials, tls);
    }

    /** The same settings, connecting as {@code identity}. */
    public ConnectionSettings withCredentials(Credentials identity) {
        return new ConnectionSettings(clientId, host, port, keepAlive, ackTimeout, session, subscriptions, reconnect,
                clock, will, identity, tls);
    }

    /** The same settings over TLS: the device verifies the broker, and presents a certificate if {@code clientTls} has one. */
    public ConnectionSettings withTls(ClientTls clientTls) {
        return new ConnectionSettings(clientId, host, port, keepAlive, ackTimeout, session, subscriptions, reconnect,
                clock, will, credentials, clientTls);
    }
}
