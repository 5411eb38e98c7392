package io.cloudcut.mqtt;

import io.netty.handler.codec.mqtt.MqttReasonCodes;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DISCONNECT the broker sent (MQTT 5), as a device's cause of a lost connection: its reason code named as the
 * specification does, in the same words on every stack (Paho v5 reports it with no exception at all, HiveMQ as
 * "Server sent DISCONNECT."), e.g. {@code DISCONNECT from the broker: session taken over (0x8E)}.
 */
public final class BrokerDisconnect {

    private static final String PREFIX = "DISCONNECT from the broker: ";
    private static final Pattern CODE = Pattern.compile("^" + PREFIX + "[a-z ]+ \\(0x([0-9A-F]{2})\\)");
    /**
     * The reasons that say the client broke the protocol or its grants: a packet it should not have sent. Not those a
     * busy broker or harness can cause (keep alive timeout, server busy, session taken over, rates and quotas).
     */
    private static final Set<MqttReasonCodes.Disconnect> THE_CLIENTS_ERRORS = Set.of(
            MqttReasonCodes.Disconnect.MALFORMED_PACKET, MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
            MqttReasonCodes.Disconnect.NOT_AUTHORIZED, MqttReasonCodes.Disconnect.TOPIC_FILTER_INVALID,
            MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID, MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
            MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID, MqttReasonCodes.Disconnect.PACKET_TOO_LARGE,
            MqttReasonCodes.Disconnect.PAYLOAD_FORMAT_INVALID, MqttReasonCodes.Disconnect.RETAIN_NOT_SUPPORTED,
            MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED, MqttReasonCodes.Disconnect.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
            MqttReasonCodes.Disconnect.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
            MqttReasonCodes.Disconnect.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);

    private BrokerDisconnect() {
    }

    /** The cause of a loss to a DISCONNECT with {@code reasonCode}, and its reason string if the broker gave one. */
    static String describe(int reasonCode, String reasonString) {
        MqttReasonCodes.Disconnect known = MqttReasonCodes.Disconnect.valueOf((byte) reasonCode);
        String name = known == null ? "reason" : known.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return String.format("%s%s (0x%02X)%s", PREFIX, name, reasonCode,
                reasonString == null || reasonString.isBlank() ? "" : ": " + reasonString);
    }

    /**
     * Whether the reason code named {@code reason} ({@code TOPIC_ALIAS_INVALID}, as the specification and the broker name
     * it; null: none given) says the client broke the protocol or its grants.
     */
    public static boolean isTheClientsError(String reason) {
        return reason != null && THE_CLIENTS_ERRORS.stream().anyMatch(error -> error.name().equals(reason));
    }

    /**
     * Whether {@code cause} is a DISCONNECT for the device's own error: its client library sent what the broker must
     * refuse. Paho v5 1.2.5 resends an unacknowledged publish on its new connection with the last one's topic alias
     * and no topic, which the broker refuses with {@code topic alias invalid}: the device's doing, not the harness's.
     */
    public static boolean forTheClientsError(String cause) {
        Matcher code = CODE.matcher(String.valueOf(cause));
        if (!code.find()) {
            return false;
        }
        MqttReasonCodes.Disconnect reason = MqttReasonCodes.Disconnect.valueOf((byte) Integer.parseInt(code.group(1), 16));
        return reason != null && THE_CLIENTS_ERRORS.contains(reason);
    }
}
