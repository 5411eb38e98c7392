package io.cloudcut.harness;

import io.cloudcut.broker.ServerDisconnect;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device that loses its connection with nothing faulted on it lost it to the harness's load: said as a problem of the
 * run, and told to the clock; not a device whose link, certificate or broker was faulted, nor one within a detection
 * window of its fault's end, nor before the clock started, nor an external device.
 */
class UnfaultedLossesTest {

    private static final String DOORBELL = "doorbell-cloud-only";
    private static final String LATE = "no PUBACK within 1000 ms";

    private final AtomicLong nowNanos = new AtomicLong();
    private final FaultedConnections connections = new FaultedConnections();
    private final List<Duration> told = new ArrayList<>();
    private Scenario scenario;
    private UnfaultedLosses losses;

    @BeforeEach
    void start() throws Exception {
        scenario = Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml"));
        losses = new UnfaultedLosses(scenario, Set.of("doorbell-1", "doorbell-2", "doorbell-3", "doorbell-4"), connections,
                nowNanos::get);
        losses.tellLosses(told::add);
    }

    @Test
    void aLossWithNothingFaultedIsTheHarnesss_andTheClockHearsOfIt() {
        lost("doorbell-1", "before the clock");
        assertThat(losses.problem()).as("the fleet's start is the start window's").isEmpty();

        losses.heard(PhaseObserved.start(0, "baseline", "baseline"));
        lost("doorbell-1", LATE);
        lost("doorbell-2", LATE);
        lost("doorbell-2", "connection closed");
        lost("doorbell-3", "connection closed");
        lost("phone-of-a-person", "its connection closed");

        assertThat(losses.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("3 devices lost a connection with nothing faulted on it (on their link, certificate or the broker: "
                        + "doorbell-1, doorbell-2, doorbell-3; no PUBACK within 1000 ms: 2, connection closed: 1)")
                .contains("may show the harness, not the firmware", HealthCheck.REMEDY));
        assertThat(told).as("each loss, with its model's time-out")
                .containsOnly(scenario.model(DOORBELL).connectTimeout()).hasSize(4);
    }

    @Test
    void aFaultedConnectionsLoss_orOneWithinADetectionWindowOfItsEnd_isTheFaults() {
        losses.heard(PhaseObserved.start(0, "baseline", "baseline"));
        connections.faulted(List.of("doorbell-1", "doorbell-2"));
        lost("doorbell-1", LATE);
        connections.faultedExactly(Set.of("doorbell-2"), nowNanos.get());
        nowNanos.addAndGet(Pacer.detectionWindow(scenario).toNanos() - 1);
        lost("doorbell-1", LATE);
        lost("doorbell-2", LATE);
        assertThat(losses.problem()).isEmpty();
        assertThat(told).isEmpty();

        nowNanos.incrementAndGet();
        lost("doorbell-1", LATE);
        assertThat(losses.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("1 device lost a connection with nothing faulted on it (on its link, certificate or the broker: "
                        + "doorbell-1; no PUBACK within 1000 ms: 1)"));
        assertThat(new HealthObserved(0, HealthObserved.Window.RUN, 1, 1, 1, 1, 1, 0, 0, 0, false,
                List.of(losses.problem().orElseThrow())).lostConnectionsToTheHarness()).as("worth measuring again").isTrue();
    }

    /**
     * A connection a fault met carries what the fault did to its client (a lost PINGRESP leaves the Vert.x client's pings
     * one behind): its loss is the fault's, long after the fault was lifted. A connection made after the fault is judged
     * afresh.
     */
    @Test
    void theLossOfAConnectionAFaultMet_isTheFaults_howeverLateItComes() {
        losses.heard(PhaseObserved.start(0, "baseline", "baseline"));
        up("doorbell-1");
        up("doorbell-2");
        connections.faulted(List.of("doorbell-1", "doorbell-2"));
        nowNanos.addAndGet(1_000_000_000L);
        up("doorbell-2");
        connections.faultedExactly(Set.of(), nowNanos.get());
        nowNanos.addAndGet(Pacer.detectionWindow(scenario).toNanos() * 10);
        lost("doorbell-1", "connection closed");
        lost("doorbell-2", "connection closed");
        assertThat(losses.problem()).as("both connections were up while the fault was on").isEmpty();

        up("doorbell-1");
        nowNanos.incrementAndGet();
        lost("doorbell-1", "connection closed");
        assertThat(losses.problem()).as("connected after the fault was lifted").hasValueSatisfying(problem ->
                assertThat(problem).contains("nothing faulted on it (on its link, certificate or the broker: doorbell-1;"));
    }

    /** Paho v5 1.2.5 resends an unacknowledged publish on its new connection with the old connection's topic alias. */
    @Test
    void aDisconnectForWhatTheDevicesClientSent_isTheDevicesOwn() {
        losses.heard(PhaseObserved.start(0, "baseline", "baseline"));
        lost("doorbell-1", "DISCONNECT from the broker: topic alias invalid (0x94): Topic alias in PUBLISH could not be mapped.");
        lost("doorbell-2", "DISCONNECT from the broker: protocol error (0x82)");
        assertThat(losses.problem()).isEmpty();
        assertThat(told).isEmpty();

        lost("doorbell-3", "DISCONNECT from the broker: keep alive timeout (0x8D)");
        assertThat(losses.problem()).as("a keepalive the broker heard too late").isPresent();
    }

    /**
     * A client still writing when the broker closed on it for its error sees only its socket go: the broker's word, heard
     * before the loss or after it, within {@link UnfaultedLosses#SAME_LOSS}, makes the loss the device's.
     */
    @Test
    void aLossTheBrokerMadeForTheClientsError_isTheDevicesOwn_whicheverIsHeardFirst() {
        losses.heard(PhaseObserved.start(0, "baseline", "baseline"));
        ServerDisconnect aliasInvalid = new ServerDisconnect("doorbell-1", "TOPIC_ALIAS_INVALID", "Topic alias in PUBLISH could not be mapped.");
        losses.brokerDisconnected(aliasInvalid);
        nowNanos.addAndGet(UnfaultedLosses.SAME_LOSS.toNanos());
        lost("doorbell-1", "Connection lost (SocketException: Broken pipe)");
        lost("doorbell-2", "Connection lost (SocketException: Connection reset by peer)");
        nowNanos.addAndGet(UnfaultedLosses.SAME_LOSS.toNanos());
        losses.brokerDisconnected(new ServerDisconnect("doorbell-2", "TOPIC_ALIAS_INVALID", null));
        assertThat(losses.problem()).as("one told before its loss, one after").isEmpty();

        lost("doorbell-3", "Connection lost (SocketException: Broken pipe)");
        losses.brokerDisconnected(new ServerDisconnect("doorbell-3", "SESSION_TAKEN_OVER", null));
        nowNanos.addAndGet(UnfaultedLosses.SAME_LOSS.toNanos() + 1);
        losses.brokerDisconnected(aliasInvalid);
        lost("doorbell-4", "connection closed");
        losses.brokerDisconnected(new ServerDisconnect("doorbell-4", "TOPIC_ALIAS_INVALID", null));
        nowNanos.addAndGet(UnfaultedLosses.SAME_LOSS.toNanos() + 1);
        lost("doorbell-1", "connection closed");
        assertThat(losses.problem()).as("not the client's error; the broker's word too late; a loss too long after it")
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("2 devices lost a connection with nothing faulted"
                        + " on it (on their link, certificate or the broker: doorbell-1, doorbell-3;"));
    }

    private void up(String device) {
        losses.heard(ConnectionObserved.up(0, device, DOORBELL, 0, 3));
    }

    private void lost(String device, String cause) {
        losses.heard(ConnectionObserved.down(0, device, DOORBELL, cause));
    }
}
