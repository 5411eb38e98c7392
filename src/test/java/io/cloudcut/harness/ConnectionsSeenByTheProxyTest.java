package io.cloudcut.harness;

import io.cloudcut.fault.ProxyEvent;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.scenario.ScenarioClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An external device's connections as the proxy's events tell them, in the words emulated devices use. */
class ConnectionsSeenByTheProxyTest {

    private final ScenarioClock clock = ScenarioClock.running(1);
    private final List<Observation> observed = new ArrayList<>();
    private final ConnectionsSeenByTheProxy seen = new ConnectionsSeenByTheProxy(clock,
            device -> device.equals("bench-vacuum") ? "vacuum-local-first" : null, observed::add);

    @AfterEach
    void stopTheClock() {
        clock.close();
    }

    @Test
    void anAcceptedConnectionIsUpFromTheAttemptThatOpenedIt_andDownWhenItCloses() {
        seen.changed(event("connection-connecting", "bench-vacuum", "bench-vacuum-1", Map.of()));
        seen.changed(event("connection-connected", "bench-vacuum", "bench-vacuum-1", Map.of("connack", 0)));
        seen.changed(event("connection-closed", "bench-vacuum", "bench-vacuum-1", Map.of()));

        assertThat(observed).hasSize(2).allMatch(ConnectionObserved.class::isInstance);
        ConnectionObserved up = (ConnectionObserved) observed.get(0);
        assertThat(up.change()).isEqualTo(ConnectionObserved.Change.UP);
        assertThat(up.device()).isEqualTo("bench-vacuum");
        assertThat(up.model()).isEqualTo("vacuum-local-first");
        assertThat(up.attemptStartedAtMillis()).isBetween(0L, up.atMillis());
        assertThat(up.attemptRealMillis()).isNotNegative();
        assertThat(((ConnectionObserved) observed.get(1)).change()).isEqualTo(ConnectionObserved.Change.DOWN);
    }

    @Test
    void aConnectionTheBrokerNeverAcceptedIsNoLoss_andARefusalSaysItsCode() {
        seen.changed(event("connection-connecting", "bench-vacuum", "bench-vacuum-2", Map.of()));
        seen.changed(event("connection-closed", "bench-vacuum", "bench-vacuum-2", Map.of()));
        assertThat(observed).as("a blackholed attempt the device gave up on").isEmpty();

        seen.changed(event("connection-connecting", "bench-vacuum", "bench-vacuum-3", Map.of()));
        seen.changed(event("connection-refused", "bench-vacuum", "bench-vacuum-3", Map.of("connack", 135)));

        assertThat(observed).singleElement().isInstanceOfSatisfying(ConnectionObserved.class, refused -> {
            assertThat(refused.change()).isEqualTo(ConnectionObserved.Change.REFUSED);
            assertThat(refused.cause()).isEqualTo("CONNACK refused: code 135");
        });
    }

    @Test
    void anotherLinksConnectionsAndFaultEventsAreNotItsOwn() {
        seen.changed(event("connection-connecting", "someone-else", "someone-else-1", Map.of()));
        seen.changed(event("connection-connected", "someone-else", "someone-else-1", Map.of("connack", 0)));
        seen.changed(new ProxyEvent(Instant.now(), "fault-added", Map.of("fault", "blackhole", "type", "blackhole")));

        assertThat(observed).isEmpty();
    }

    private static ProxyEvent event(String name, String link, String connection, Map<String, Object> detail) {
        Map<String, Object> about = new LinkedHashMap<>(Map.of("connection", connection, "link", link, "clientId", link));
        about.putAll(detail);
        return new ProxyEvent(Instant.now(), name, about);
    }
}
