package io.cloudcut.fault;

import io.cloudcut.scenario.LinkFaultKind;
import io.cloudcut.scenario.WireNames;

import java.util.Map;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.*;

/**
 * Answers each new connection's CONNECT with a CONNACK refusing it for {@code reason}, and closes,
 * without ever contacting the broker: a broker that is up but turns devices away (overloaded, over
 * quota, credentials revoked). Connections already open stay as they are.
 */
final class RefuseConnect implements LinkFault {

    static final String NAME = WireNames.of(LinkFaultKind.REFUSE_CONNECT);

    private static final Map<String, Refusal> REASONS = Map.of(
            "server-unavailable", new Refusal(CONNECTION_REFUSED_SERVER_UNAVAILABLE_5, CONNECTION_REFUSED_SERVER_UNAVAILABLE),
            "server-busy", Refusal.SERVER_BUSY,
            "quota-exceeded", new Refusal(CONNECTION_REFUSED_QUOTA_EXCEEDED, CONNECTION_REFUSED_SERVER_UNAVAILABLE),
            "not-authorized", new Refusal(CONNECTION_REFUSED_NOT_AUTHORIZED_5, CONNECTION_REFUSED_NOT_AUTHORIZED),
            "bad-credentials", new Refusal(CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                    CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD));

    private final Refusal refusal;

    RefuseConnect(FaultAttributes attributes) {
        this.refusal = attributes.choice("reason", "server-unavailable", REASONS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onNewConnection(ProxiedConnection connection) {
        connection.answerConnect(refusal::answer);
    }
}
