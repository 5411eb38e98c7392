package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.util.Map;

/**
 * Kicks every open connection once, when applied, as a broker that shuts down or takes a session over
 * does: an MQTT 5 device gets the broker's DISCONNECT with {@code reason}, then both sides close. MQTT
 * 3.1.1 has no DISCONNECT from the broker, so its devices (and any whose CONNECT the link never saw
 * whole) just see the connection close. Devices that reconnect while it is active pass: the kick is
 * one-shot, so that their reconnect logic is what is measured; apply again to kick again.
 */
final class Disconnect implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.DISCONNECT);

    private static final Map<String, MqttReasonCodes.Disconnect> REASONS = Map.of(
            "server-shutting-down", MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN,
            "server-busy", MqttReasonCodes.Disconnect.SERVER_BUSY,
            "session-taken-over", MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER,
            "keep-alive-timeout", MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT,
            "administrative-action", MqttReasonCodes.Disconnect.ADMINISTRATIVE_ACTION);

    private final MqttReasonCodes.Disconnect reason;

    Disconnect(FaultAttributes attributes) {
        this.reason = attributes.choice("reason", "server-shutting-down", REASONS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean oneShot() {
        return true;
    }

    @Override
    public boolean noticedAtOnce() {
        return true;
    }

    @Override
    public void onApply(LinkControl link) {
        for (ProxiedConnection connection : link.connections()) {
            if (connection.mqttVersion().filter(MqttVersion.MQTT_5::equals).isPresent()) {
                connection.closeAfter(disconnect());
            } else {
                connection.close();
            }
        }
    }

    private MqttMessage disconnect() {
        return MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build();
    }
}
