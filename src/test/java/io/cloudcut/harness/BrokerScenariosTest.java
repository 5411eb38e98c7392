package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ServiceObserved;
import io.cloudcut.report.FunctionVerdict;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cloudcut.harness.ShippedScenario.observations;
import static io.cloudcut.harness.ShippedScenario.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenario of a broker that keeps restarting, one device per model: every device cut at
 * each restart, local functions untouched.
 */
class BrokerScenariosTest {

    @TempDir
    Path reports;

    @Test
    void flappingBrokerCutsEveryDeviceAtEachRestartAndLeavesLocalFunctionsAlone() throws Exception {
        RunReport report = run(reports, "flapping-broker");
        for (ModelReport model : report.models()) {
            for (var function : model.functions()) {
                if (function.path().equals("local")) {
                    assertThat(function.verdict()).as("%s %s", model.model(), function.name()).isEqualTo(FunctionVerdict.KEPT);
                }
            }
            assertThat(model.recovery().notBack()).isEmpty();
        }
        List<RunReport.ServiceChange> restarts = report.services().stream()
                .filter(change -> change.service().equals("broker")).toList();
        assertThat(restarts).as("a restart every 7 min for 30 min").hasSizeGreaterThanOrEqualTo(4);
        long brokerBack = restarts.stream().filter(change -> change.condition() == ServiceObserved.Condition.RESTARTING).count();
        for (ModelReport model : report.models()) {
            assertThat(model.reconnect().reconnections()).as("%s: a reconnect a device for each of %d restarts, 7 min apart",
                    model.model(), brokerBack).isEqualTo(model.devices() * (int) brokerBack);
            assertThat(model.reconnect().maxSeconds()).as(model.model()).isPositive()
                    .isLessThan(Duration.ofMinutes(7).toSeconds());
        }
        Map<String, Long> losses = observations(reports, "flapping-broker").stream()
                .filter(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                .filter(change -> change.change().equals(ConnectionObserved.Change.DOWN))
                .collect(Collectors.groupingBy(ConnectionObserved::device, Collectors.counting()));
        assertThat(losses).as("every device cut at each restart").hasSize(3)
                .allSatisfy((device, count) -> assertThat(count).as(device).isGreaterThanOrEqualTo(restarts.size()));
        assertRestartsLastTheirRealTime(observations(reports, "flapping-broker"));
    }

    /**
     * A broker down for a phase (the embedded one, stopped at its start and started at the next's, with ingest
     * down too, up again before the broker is): every device is cut, local functions stay, every device is back
     * once it is up, and the stop, about 2 s, runs in real time: the clock stands at 1x from the phase's start
     * until the broker is down. When a 1 s window ended mid-stop, the clock ramped up through the rest of it.
     */
    @Test
    void aBrokerDownForAPhaseCutsEveryDeviceUntilItIsUpAgain() throws Exception {
        ScenarioRuns run = ScenarioRuns.run(Files.createDirectories(reports.resolve("broker-down")), """
                name: broker-down
                timeScale: 600
                probe: {rounds: 2}
                fleet:
                  - {model: vacuum-local-first, count: 1}
                  - {model: doorbell-local-chime, count: 1}
                phases:
                  - {name: baseline, kind: baseline, duration: 10m}
                  - {name: down, kind: outage, duration: 20m, faults: [{broker: embedded, fault: down}, {service: ingest, fault: down}]}
                  - {name: recovery, kind: recovery, duration: 30m}
                """);
        for (ModelReport model : run.report().models()) {
            assertThat(model.functions()).filteredOn(function -> function.path().equals("local"))
                    .as(model.model()).isNotEmpty().allSatisfy(function -> assertThat(function.verdict()).isEqualTo(FunctionVerdict.KEPT));
            assertThat(model.recovery().notBack()).as(model.model()).isEmpty();
            assertThat(model.reconnect().devicesReconnected()).as("%s reconnected after the broker was up", model.model()).isEqualTo(1);
            assertThat(model.recovery().reconnectedWallMaxSeconds()).as(model.model()).isNotNull()
                    .isLessThanOrEqualTo(model.recovery().wallMaxSeconds());
        }
        List<Observation> observations = run.observations();
        assertThat(observations).filteredOn(ConnectionObserved.class::isInstance).map(ConnectionObserved.class::cast)
                .filteredOn(change -> change.change().equals(ConnectionObserved.Change.DOWN))
                .extracting(ConnectionObserved::device).as("every device cut").contains("vacuum-local-first-1", "doorbell-local-chime-1");
        long phaseStart = observations.stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(phase -> phase.started() && phase.phase().equals("down")).findFirst().orElseThrow().atMillis();
        long brokerDown = observations.stream().filter(ServiceObserved.class::isInstance).map(ServiceObserved.class::cast)
                .filter(change -> change.service().equals("broker") && change.condition() == ServiceObserved.Condition.DOWN).findFirst().orElseThrow().atMillis();
        assertThat(observations).filteredOn(ClockObserved.class::isInstance).map(ClockObserved.class::cast)
                .as("the clock from the phase's start (%d ms) until the broker was down (%d ms)", phaseStart, brokerDown)
                .filteredOn(change -> change.atMillis() >= phaseStart && change.atMillis() < brokerDown)
                .allSatisfy(change -> assertThat(change.scale()).isEqualTo(1.0));
        assertThat(observations).filteredOn(ServiceObserved.class::isInstance).map(ServiceObserved.class::cast)
                .filteredOn(change -> change.service().equals("broker")).extracting(ServiceObserved::condition)
                .containsExactly(ServiceObserved.Condition.DOWN, ServiceObserved.Condition.UP);
        // What cuts goes first, what heals last: no device comes back to a broker whose ingest is still down.
        assertThat(observations).filteredOn(ServiceObserved.class::isInstance).map(ServiceObserved.class::cast)
                .filteredOn(change -> change.service().equals("broker") || change.service().equals("ingest"))
                .extracting(change -> change.service() + " " + change.condition())
                .containsExactly("broker DOWN", "ingest DOWN", "ingest UP", "broker UP");
    }

    /**
     * A restart takes its real time, a few seconds, and the clock runs at real time throughout it. When the
     * clock ramped up during a restart (a window of 1 s, then up to 60x), each took 97 s of scenario time.
     */
    private static void assertRestartsLastTheirRealTime(List<Observation> observations) {
        List<ServiceObserved> broker = observations.stream().filter(ServiceObserved.class::isInstance)
                .map(ServiceObserved.class::cast).filter(change -> change.service().equals("broker")).toList();
        List<ClockObserved> clock = observations.stream().filter(ClockObserved.class::isInstance)
                .map(ClockObserved.class::cast).toList();
        for (int index = 0; index + 1 < broker.size(); index += 2) {
            ServiceObserved restarting = broker.get(index);
            ServiceObserved up = broker.get(index + 1);
            assertThat(List.of(restarting.condition(), up.condition())).isEqualTo(List.of(ServiceObserved.Condition.RESTARTING, ServiceObserved.Condition.UP));
            assertThat(clock).as("the clock while the broker restarted from %d ms", restarting.atMillis())
                    .filteredOn(change -> change.atMillis() > restarting.atMillis() && change.atMillis() < up.atMillis())
                    .allSatisfy(change -> assertThat(change.scale()).isEqualTo(1.0));
            assertThat(up.atMillis() - restarting.atMillis()).as("a restart's length in scenario time, ms")
                    .isLessThan(Duration.ofSeconds(30).toMillis());
        }
    }
}
