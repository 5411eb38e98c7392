package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One device's MQTT connection, on one client stack. It connects, subscribes, and reconnects by
 * itself as its stack does (the library's own reconnect where it has one, the model's policy
 * otherwise), reporting to its {@link ConnectionListener}.
 */
public interface DeviceConnection {

    /** Starts connecting; returns at once. */
    void open();

    /** Publishes at QoS 1; succeeds on PUBACK, fails when not connected or when the connection drops first. */
    Future<Void> publish(String topic, Buffer payload);

    /**
     * Publishes at QoS 1 with the retain flag, as {@link #publish}: the broker keeps the last payload
     * for whoever subscribes later (a dashboard's state, availability and discovery topics); an empty
     * payload removes what it kept.
     */
    Future<Void> publishRetained(String topic, Buffer payload);

    boolean isConnected();

    /** Counts of this connection's life so far. */
    ConnectionStats stats();

    /** Disconnects and stops reconnecting. */
    Future<Void> close();
}
