package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broker's faults come from one list: what the loader accepts, each kind's attributes, a fault's kind. */
class BrokerFaultTest {

    @Test
    void theLoaderAcceptsExactlyTheKindsByTheirNames() {
        assertThat(FaultSpec.BROKER_FAULTS).containsExactlyInAnyOrder("down", "restart");
        assertThat(BrokerFault.named("restart")).contains(BrokerFault.RESTART);
        assertThatThrownBy(() -> new FaultSpec(null, "embedded", null, null, null, "slow", null, Map.of()))
                .hasMessageContaining("unknown broker fault 'slow' (known: down, restart)");
    }

    @Test
    void aFaultOnTheBrokerKnowsItsKind_oneOnAServiceHasNone() {
        FaultSpec restarts = new FaultSpec(null, "embedded", null, null, null, "restart", null, Map.of("every", "10m"));
        FaultSpec authDown = new FaultSpec("auth", null, null, null, null, "down", null, Map.of());

        assertThat(restarts.brokerFault()).contains(BrokerFault.RESTART);
        assertThat(restarts.every()).isEqualTo(Duration.ofMinutes(10));
        assertThat(authDown.brokerFault()).as("down names a service fault here").isEmpty();
    }

    @Test
    void eachKindTakesOnlyItsOwnAttributes() {
        assertThat(BrokerFault.RESTART.attributes()).containsExactly("every");
        assertThatThrownBy(() -> new FaultSpec(null, "embedded", null, null, null, "down", null, Map.of("every", "10m")))
                .hasMessageContaining("a broker 'down' fault takes no attributes, not 'every'");
        assertThatThrownBy(() -> new FaultSpec(null, "embedded", null, null, null, "restart", null, Map.of("latency", "1s")))
                .hasMessageContaining("a broker 'restart' fault takes only every, not 'latency'");
        assertThatThrownBy(() -> new FaultSpec(null, "embedded", null, null, null, "restart", null, Map.of()))
                .hasMessageContaining("a broker 'restart' needs attributes.every");
    }
}
