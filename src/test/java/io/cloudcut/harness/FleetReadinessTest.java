package io.cloudcut.harness;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fleet is ready when every device is connected and signed in; one that is not says how far it got. */
class FleetReadinessTest {

    private final ObservationLog log = new ObservationLog();

    @BeforeEach
    void beginWithWhatRan() throws Exception {
        log.add(RunStartedObserved.of(Scenarios.loader(Project.root()).load(Project.file("scenarios/short-outage.yaml")),
                "embedded"));
    }

    @Test
    void aFleetNotReadyInTimeSaysHowManyWereAndWithinWhat() {
        FleetReadiness readiness = neverAsking(Set.of("vacuum-1", "vacuum-2"));
        log.add(ConnectionObserved.up(0, "vacuum-1", "vacuum-local-first", 0, 40));

        assertThatThrownBy(() -> readiness.awaitReady(Duration.ZERO, "within 7m of starting them"))
                .isInstanceOf(InfrastructureException.class)
                .hasMessage("devices not ready within 7m of starting them: 1/2 connected, 0 with a session (not connected: "
                        + "vacuum-2; connected, no answer to their sign-in yet: vacuum-1 (each asked to sign in again every 15s "
                        + "without an answer))");
    }

    /**
     * A device connected without an answer to its sign-in is asked to sign in again, and again while it stays
     * without one; those connected since less, or signed in, are not asked.
     */
    @Test
    void aDeviceWithoutAnAnswerToItsSignInIsAskedAgainUntilItHasOne() throws Exception {
        List<List<String>> asked = new CopyOnWriteArrayList<>();
        FleetReadiness readiness = new FleetReadiness(log, Set.of("vacuum-1", "vacuum-2", "vacuum-3"), devices -> {
            asked.add(devices);
            if (asked.size() == 2) {
                // The second ask is answered, as a device whose first request was lost answers.
                devices.forEach(device -> log.add(new SessionObserved(0, device, "vacuum-local-first", SessionObserved.Change.ACQUIRED)));
            }
        }, Duration.ofMillis(50));
        log.add(ConnectionObserved.up(0, "vacuum-1", "vacuum-local-first", 0, 40));
        log.add(ConnectionObserved.up(0, "vacuum-2", "vacuum-local-first", 0, 40));
        log.add(new SessionObserved(0, "vacuum-2", "vacuum-local-first", SessionObserved.Change.ACQUIRED));
        log.add(ConnectionObserved.up(0, "vacuum-3", "vacuum-local-first", 0, 40));
        log.add(new SessionObserved(0, "vacuum-3", "vacuum-local-first", SessionObserved.Change.ACQUIRED));

        readiness.awaitReady(Duration.ofSeconds(30), "within 30s");

        assertThat(asked).containsExactly(List.of("vacuum-1"), List.of("vacuum-1"));
    }

    @Test
    void aDeviceJustConnectedIsNotAskedYet() {
        List<List<String>> asked = new CopyOnWriteArrayList<>();
        FleetReadiness readiness = new FleetReadiness(log, Set.of("vacuum-1"), asked::add, Duration.ofHours(1));
        log.add(ConnectionObserved.up(0, "vacuum-1", "vacuum-local-first", 0, 40));

        assertThatThrownBy(() -> readiness.awaitReady(Duration.ofMillis(200), "within 0.2s"))
                .isInstanceOf(InfrastructureException.class);
        assertThat(asked).isEmpty();
    }

    /** After the warm-up, the fleet was ready before it: the error says how many connections were lost, to what, and what it means. */
    @Test
    void aFleetNotReadyAgainSaysWhatTookItDown_andWhatThatMeans() {
        FleetReadiness readiness = neverAsking(Set.of("vacuum-1", "vacuum-2"));
        for (String device : Set.of("vacuum-1", "vacuum-2")) {
            log.add(ConnectionObserved.up(0, device, "vacuum-local-first", 0, 40));
            log.add(new SessionObserved(0, device, "vacuum-local-first", SessionObserved.Change.ACQUIRED));
        }
        log.add(ConnectionObserved.down(0, "vacuum-1", "vacuum-local-first", "keepalive"));
        log.add(ConnectionObserved.refused(0, "vacuum-1", "vacuum-local-first", "connection refused"));
        log.add(ConnectionObserved.down(0, "vacuum-2", "vacuum-local-first", "no PUBACK within 1000 ms"));

        assertThatThrownBy(() -> readiness.awaitReady(Duration.ZERO, "within 1m after the warm-up",
                Timeline.NOT_READY_AFTER_THE_WARM_UP))
                .isInstanceOf(InfrastructureException.class)
                .hasMessage("devices not ready within 1m after the warm-up: 0/2 connected, 2 with a session (not connected: "
                        + "vacuum-1, vacuum-2), 2 connections lost (the last: no PUBACK within 1000 ms); every device was ready before the warm-up and no "
                        + "fault has been applied yet, so the harness's own load cost them their connections; run a "
                        + "smaller fleet (--devices-per-model), a slower clock (--time-scale, or auto), or spread the "
                        + "fleet over more processes");
    }

    /** A big fleet names a few of those not ready, and how many more. */
    @Test
    void aBigFleetNotReadyNamesFiveAndCountsTheRest() {
        Set<String> fleet = IntStream.rangeClosed(1, 8).mapToObj(i -> "vacuum-" + i).collect(Collectors.toSet());
        FleetReadiness readiness = neverAsking(fleet);

        assertThatThrownBy(() -> readiness.awaitReady(Duration.ZERO, "within 1s"))
                .hasMessage("devices not ready within 1s: 0/8 connected, 0 with a session (not connected: vacuum-1, "
                        + "vacuum-2, vacuum-3, vacuum-4, vacuum-5 and 3 more)");
    }

    @Test
    void aDeviceThatDroppedCountsAgainOnlyOnceItIsBack() throws Exception {
        FleetReadiness readiness = neverAsking(Set.of("vacuum-1"));
        log.add(ConnectionObserved.up(0, "vacuum-1", "vacuum-local-first", 0, 40));
        log.add(new SessionObserved(0, "vacuum-1", "vacuum-local-first", SessionObserved.Change.ACQUIRED));
        log.add(ConnectionObserved.down(10, "vacuum-1", "vacuum-local-first", "keepalive"));
        assertThat(readiness.allReady()).isFalse();

        log.add(ConnectionObserved.up(20, "vacuum-1", "vacuum-local-first", 10, 40));
        assertThat(readiness.allReady()).isTrue();
        readiness.awaitReady(Duration.ZERO, "within 0s");
    }

    /** A fleet whose devices are not asked to sign in again within these tests. */
    private FleetReadiness neverAsking(Set<String> devices) {
        return new FleetReadiness(log, devices, asked -> { }, FleetReadiness.ASK_AGAIN_AFTER);
    }
}
