package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ClientStackTest {

    @Test
    void everyStackIsNamedByItsWireName() {
        assertThat(Arrays.stream(ClientStack.values()).map(WireNames::of))
                .containsExactly("vertx", "paho-v3", "paho-v5", "hivemq-v3", "hivemq-v5");
        for (ClientStack stack : ClientStack.values()) {
            assertThat(ClientStack.named(WireNames.of(stack))).contains(stack);
        }
    }

    @Test
    void aNameCloudCutDoesNotHaveIsToldTheOnesItHas() {
        assertThat(ClientStack.named("mosquitto-c")).isEmpty();
        assertThat(ClientStack.named("HIVEMQ_V5")).as("constants are not wire names").isEmpty();
        assertThat(ClientStack.unknown("mosquitto-c"))
                .isEqualTo("unknown MQTT client stack 'mosquitto-c' (known: hivemq-v3, hivemq-v5, paho-v3, paho-v5, vertx)");
    }
}
