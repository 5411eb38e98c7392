package io.cloudcut.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerDisconnectTest {

    @Test
    void namesItsReasonCode_andItsReasonStringWhenGiven() {
        assertThat(BrokerDisconnect.describe(0x8B, null)).isEqualTo("DISCONNECT from the broker: server shutting down (0x8B)");
        assertThat(BrokerDisconnect.describe(0x8D, "no PINGREQ for 3 s"))
                .isEqualTo("DISCONNECT from the broker: keep alive timeout (0x8D): no PINGREQ for 3 s");
        assertThat(BrokerDisconnect.describe(0x7F, " ")).as("a code MQTT 5 does not define")
                .isEqualTo("DISCONNECT from the broker: reason (0x7F)");
    }

    @Test
    void aDisconnectForWhatTheClientSentIsTheClientsError() {
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x94,
                "Topic alias in PUBLISH could not be mapped."))).isTrue();
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x82, null))).isTrue();
        assertThat(BrokerDisconnect.isTheClientsError("TOPIC_ALIAS_INVALID")).as("as the broker names it").isTrue();
    }

    @Test
    void aDisconnectABusyBrokerCanCause_orAnyOtherLoss_isNot() {
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x8D, null))).as("keep alive timeout").isFalse();
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x8E, null))).as("session taken over").isFalse();
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x89, null))).as("server busy").isFalse();
        assertThat(BrokerDisconnect.forTheClientsError(BrokerDisconnect.describe(0x7F, null))).as("unknown").isFalse();
        assertThat(BrokerDisconnect.forTheClientsError("no PUBACK within 1000 ms")).isFalse();
        assertThat(BrokerDisconnect.forTheClientsError(null)).isFalse();
        assertThat(BrokerDisconnect.isTheClientsError("SESSION_TAKEN_OVER")).isFalse();
        assertThat(BrokerDisconnect.isTheClientsError(null)).as("no reason given").isFalse();
    }
}
