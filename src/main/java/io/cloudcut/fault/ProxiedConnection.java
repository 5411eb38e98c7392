package io.cloudcut.fault;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.util.Optional;
import java.util.function.Function;

/** One device connection through a link, as a fault sees it. Call only from the fault's hooks. */
public interface ProxiedConnection {

    /** Closes both sides with a TCP RST (SO_LINGER 0), as a middlebox that drops the connection's state does. */
    void reset();

    /** Closes both sides with a normal FIN. */
    void close();

    /** The MQTT version of the device's CONNECT; empty until it is read whole, or if the device speaks no MQTT. */
    Optional<MqttVersion> mqttVersion();

    /**
     * Sends {@code packet} to the device in its MQTT version, after what the broker sent before it, and
     * closes the broker side at once and the device side after the packet (as the link's faults let a close pass).
     */
    void closeAfter(MqttMessage packet);

    /**
     * Keeps this connection from the broker: the proxy answers the device's CONNECT with the packet
     * {@code answer} makes of it and closes. Only from {@link LinkFault#onNewConnection}: before the
     * broker is contacted, or, for a fault that chose the connection by client id, as soon as its
     * CONNECT is read (the broker then sees a TCP connection close before any CONNECT). On the proxy's
     * shared port the CONNECT was read before the link took the connection, and the broker never hears of it.
     */
    void answerConnect(Function<MqttConnectMessage, MqttMessage> answer);
}
