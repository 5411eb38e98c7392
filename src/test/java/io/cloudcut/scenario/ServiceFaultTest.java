package io.cloudcut.scenario;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's faults come from one list: what the loader accepts, each kind's attributes, a fault's kind. */
class ServiceFaultTest {

    @Test
    void theLoaderAcceptsExactlyTheKindsByTheirNames() {
        assertThat(FaultSpec.SERVICE_FAULTS).containsExactlyInAnyOrder("down", "error", "slow", "throttled");
        assertThat(ServiceFault.named("throttled")).contains(ServiceFault.THROTTLED);
        assertThat(ServiceFault.named("restart")).isEmpty();
    }

    @Test
    void aFaultOnAServiceKnowsItsKind_oneOnALinkHasNone() {
        FaultSpec slowAuth = new FaultSpec("auth", null, null, null, null, "slow", null, Map.of("latency", "800ms"));
        FaultSpec blackhole = new FaultSpec(null, null, "all", null, null, "blackhole", null, Map.of());
        FaultSpec brokerDown = new FaultSpec(null, "embedded", null, null, null, "down", null, Map.of());

        assertThat(slowAuth.serviceFault()).contains(ServiceFault.SLOW);
        assertThat(blackhole.serviceFault()).isEmpty();
        assertThat(brokerDown.serviceFault()).as("down names a broker fault here").isEmpty();
    }

    @Test
    void eachKindTakesOnlyItsOwnAttributes() {
        assertThat(ServiceFault.SLOW.attributes()).containsExactly("latency");
        assertThat(ServiceFault.DOWN.attributes()).isEmpty();
        assertThatThrownBy(() -> new FaultSpec("auth", null, null, null, null, "error", null, Map.of("latency", "1s")))
                .hasMessageContaining("'error' service fault takes no attributes, not 'latency'");
    }

    @Test
    void onlyAThrottleIsResizedWithTheFleet() {
        FaultSpec throttled = new FaultSpec("auth", null, null, null, null, "throttled", null, Map.of("rate", "30/min", "queue", 20));
        FaultSpec down = new FaultSpec("auth", null, null, null, null, "down", null, Map.of());

        assertThat(throttled.forFleetTimes(2).rate()).isEqualTo(Rate.parse("60/min"));
        assertThat(throttled.forFleetTimes(2).queue()).isEqualTo(40);
        assertThat(down.forFleetTimes(2)).isSameAs(down);
    }
}
