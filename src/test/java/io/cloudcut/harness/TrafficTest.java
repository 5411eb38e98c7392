package io.cloudcut.harness;

import io.cloudcut.cluster.ClusterSettings;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fleet's traffic grows with the time scale; the auto scale keeps it under what the machine carries. */
class TrafficTest {

    @Test
    void aDeviceCountsItsRenewalsStatusReportsAndProbeRoundTrips() throws Exception {
        Scenario scenario = load("short-outage").withDevicesPerModel(1);
        // Per scenario hour: vacuum-cloud-locked renews a 1 h token twice (4 publishes), reports twice (4), and is
        // probed 4 times an hour (15 min rounds over the 4 h of baseline and outage in a 10 h run: 1.6 rounds an hour)
        // on two cloud functions: an app command (4 publishes) and a status report (3).
        Traffic traffic = Traffic.of(scenario);
        assertThat(traffic.perScenarioHour()).isPositive();
        Traffic twice = Traffic.of(scenario.withDevicesPerModel(2));
        assertThat(twice.perScenarioHour()).isCloseTo(2 * traffic.perScenarioHour(), within(1e-6));
        assertThat(traffic.perRealSecond(3600)).isCloseTo(traffic.perScenarioHour(), within(1e-6));
    }

    @Test
    void anExternalDeviceCountsAsAnEmulatedDeviceOfItsModel(@TempDir Path dir) throws Exception {
        String timeline = "phases: [{name: b, kind: baseline, duration: 1h}, {name: o, kind: outage, duration: 1h}]\n";
        Scenario emulated = Scenarios.loader(Project.root()).load(Files.writeString(dir.resolve("emulated.yaml"),
                "name: e\nfleet: [{model: vacuum-local-first, count: 2}]\n" + timeline));
        Scenario mixed = Scenarios.loader(Project.root()).load(Files.writeString(dir.resolve("mixed.yaml"), """
                name: m
                fleet: [{model: vacuum-local-first}]
                external:
                  - id: bench
                    model: vacuum-local-first
                    listen: 127.0.0.1:18831
                    probes:
                """ + Stream.of("clean-button", "scheduled-clean", "stop", "return-to-base", "status-report")
                .map(function -> "      " + function + ": {http: {url: \"http://127.0.0.1:8081/" + function + "\"}}\n")
                .collect(Collectors.joining()) + timeline));

        assertThat(Traffic.of(mixed).perScenarioHour()).isCloseTo(Traffic.of(emulated).perScenarioHour(), within(1e-6));
    }

    @Test
    void autoPicksTheFastestScaleTheMachineCarriesAndNeverMoreThanTheCeiling() throws Exception {
        Scenario small = load("kinesis-2020");
        assertThat(Traffic.of(small).fastestCarriedScale()).isEqualTo(TimeScale.AUTO_CEILING);
        Scenario large = small.withDevicesPerModel(2_000);
        double scale = Traffic.of(large).fastestCarriedScale();
        assertThat(scale).isLessThan(TimeScale.AUTO_CEILING);
        assertThat(Traffic.of(large).perRealSecond(scale)).isLessThanOrEqualTo(Capacity.ONE_PROCESS.messagesPerSecond());
        assertThat(Traffic.of(large).perRealSecond(scale + 1)).isGreaterThan(Capacity.ONE_PROCESS.messagesPerSecond());
        assertThat(ScenarioRunner.runScale(large.withTimeScale(TimeScale.AUTO))).isEqualTo(scale);
        assertThat(ScenarioRunner.runScale(large.withTimeScale(TimeScale.autoAtMost(Math.floor(scale / 2)))))
                .as("auto run again at a slower clock").isEqualTo(Math.floor(scale / 2));
        assertThat(ScenarioRunner.runScale(large.withTimeScale(TimeScale.autoAtMost(scale * 2))))
                .as("a ceiling above auto's pick leaves it").isEqualTo(scale);
        assertThat(TimeScale.autoAtMost(100)).hasToString("auto");
    }

    /**
     * A scenario with a slow service gets auto at the share of the machine where its least slow one shows: slow-cloud's
     * 500 ms at a fifth of what workers carry, as much as at 16% of what one process does. At auto's whole
     * share (of workers'), 1,000 devices hid over 950 ms in their baseline and were refused.
     */
    @Test
    void autoRunsAScenarioWithASlowServiceAtTheShareWhereItsSlowdownShows() throws Exception {
        Scenario slowCloud = load("slow-cloud").withDevicesPerModel(250).withTimeScale(TimeScale.AUTO);
        Traffic traffic = Traffic.of(slowCloud);

        assertThat(traffic.leastSlow()).isEqualTo(Duration.ofMillis(500));
        assertThat(traffic.slowShare()).isEqualTo(0.16);
        // The publishes a second at which the slowdown was seen to show, wherever the devices run.
        Traffic onWorkers = Traffic.of(slowCloud, Capacity.ON_WORKERS);
        assertThat(onWorkers.slowShare()).isEqualTo(0.2);
        assertThat(traffic.autoScale()).isCloseTo(onWorkers.autoScale(), within(1.0));
        assertThat(traffic.perRealSecond(traffic.autoScale())).isLessThanOrEqualTo(Capacity.ON_WORKERS.messagesPerSecond() * 0.2)
                .isGreaterThan(Capacity.ON_WORKERS.messagesPerSecond() * 0.19);
        assertThat(ScenarioRunner.runScale(slowCloud)).isEqualTo(traffic.autoScale()).isLessThan(traffic.fastestCarriedScale() / 4);
        Scenario kinesis = load("kinesis-2020").withDevicesPerModel(2_000);
        assertThat(Traffic.of(kinesis).autoScale()).as("no slow service: the whole share")
                .isEqualTo(Traffic.of(kinesis).fastestCarriedScale());
    }

    /** Devices on workers, whose probes cross the event bus to them, get auto at what workers carry: less than one process. */
    @Test
    void autoOnWorkersPicksTheScaleWorkersCarry() throws Exception {
        Scenario large = load("kinesis-2020").withDevicesPerModel(2_000).withTimeScale(TimeScale.AUTO);
        RunSettings onWorkers = RunSettings.embedded(Project.file("broker-config"))
                .onWorkers(new ClusterSettings("127.0.0.1", ClusterSettings.DEFAULT_PORT, List.of("127.0.0.1")), 2);

        assertThat(Capacity.ON_WORKERS.messagesPerSecond()).isLessThan(Capacity.ONE_PROCESS.messagesPerSecond());
        assertThat(ScenarioRunner.runScale(large, onWorkers)).isEqualTo(Traffic.of(large, Capacity.ON_WORKERS).fastestCarriedScale())
                .isLessThan(ScenarioRunner.runScale(large));
        assertThat(ScenarioRunner.runScale(large, RunSettings.embedded(Project.file("broker-config"))))
                .isEqualTo(ScenarioRunner.runScale(large));
        Scenario dense = load("bench").withDevicesPerModel(10_000);
        Phase outage = dense.phases().get(1);
        assertThat(Traffic.phaseScale(dense, outage, 3600, Capacity.ON_WORKERS))
                .isLessThan(Traffic.phaseScale(dense, outage, 3600, Capacity.ONE_PROCESS));
    }

    /** A fleet on Paho, whose clients hold threads of their own, gets auto at what such a fleet carries: less than on event loops. */
    @Test
    void autoForAFleetOnPahoPicksTheScaleThreadedClientsCarry() throws Exception {
        Scenario onEventLoops = load("kinesis-2020").withDevicesPerModel(2_000).withTimeScale(TimeScale.AUTO);
        Scenario onPaho = onEventLoops.withClient("paho-v5");

        assertThat(Capacity.of(onEventLoops, 0)).isEqualTo(Capacity.ONE_PROCESS);
        assertThat(Capacity.of(onPaho, 0)).isEqualTo(Capacity.THREADS_PER_CLIENT);
        assertThat(Capacity.of(onEventLoops.withClient("hivemq-v3"), 0)).isEqualTo(Capacity.ONE_PROCESS);
        assertThat(Capacity.of(onPaho, 2)).isEqualTo(Capacity.ON_WORKERS);
        assertThat(ScenarioRunner.runScale(onPaho)).isEqualTo(Traffic.of(onPaho, Capacity.THREADS_PER_CLIENT).fastestCarriedScale())
                .isLessThan(ScenarioRunner.runScale(onEventLoops));
        assertThat(ScenarioRunner.messagesCarriedPerSecond(onPaho)).isLessThan(ScenarioRunner.messagesCarriedPerSecond(onEventLoops));
        assertThat(Traffic.of(onPaho).capacity()).as("what a scale asked for is held to, too").isEqualTo(Capacity.THREADS_PER_CLIENT);
    }

    @Test
    void aRequestedScaleWhoseTrafficTheMachineCannotCarryIsRefusedWithTheFigures() throws Exception {
        Scenario large = load("kinesis-2020").withDevicesPerModel(500).withTimeScale(TimeScale.fixed(3600));
        assertThatThrownBy(() -> ScenarioRunner.check(large, RunSettings.embedded(Project.file("broker-config"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at 3600x, " + large.deviceCount() + " devices would send about")
                .hasMessageContaining("MQTT messages per real second")
                .hasMessageContaining(String.format("over the %,.0f this machine carries on its %d cores",
                        Capacity.ONE_PROCESS.messagesPerSecond(), Capacity.CORES))
                .hasMessageContaining("--time-scale auto");
    }

    @Test
    void aPhaseRunsNoFasterThanItsProbeRoundsCanBeStarted() throws Exception {
        Scenario large = load("bench").withDevicesPerModel(10_000);
        Phase baseline = large.phases().get(0);
        Phase outage = large.phases().get(1);
        double scale = Traffic.phaseScale(large, outage, 3600, Capacity.ONE_PROCESS);
        long perRound = 10_000L * large.model("vacuum-local-first").functions().size();
        double spreadSeconds = large.probe().spacing(outage.duration()).dividedBy(2).toSeconds();
        assertThat(perRound * scale / spreadSeconds).isLessThanOrEqualTo(Capacity.ONE_PROCESS.probesPerSecond());
        assertThat(perRound * (scale + 1) / spreadSeconds).isGreaterThan(Capacity.ONE_PROCESS.probesPerSecond());
        // The 20 min outage's rounds come closer together than the 2 h baseline's.
        assertThat(scale).isLessThan(Traffic.phaseScale(large, baseline, 3600, Capacity.ONE_PROCESS));
        assertThat(Traffic.heldBack(large, outage, 3600, Capacity.ONE_PROCESS)).startsWith(", at most " + Durations.number(scale)
                + "x: at 3600x its probe rounds would start about " + String.format("%,.0f", perRound * 3600 / spreadSeconds)
                + " probes a real second").endsWith("the harness starts about " + String.format("%,.0f", Capacity.ONE_PROCESS.probesPerSecond()));
        // A slower scale is kept, a recovery (probed device by device) is not held, nor is a small fleet.
        assertThat(Traffic.phaseScale(large, outage, 2, Capacity.ONE_PROCESS)).isEqualTo(2);
        assertThat(Traffic.heldBack(large, outage, 2, Capacity.ONE_PROCESS)).isEmpty();
        assertThat(Traffic.phaseScale(large, large.phases().get(2), 3600, Capacity.ONE_PROCESS)).isEqualTo(3600);
        Scenario small = load("short-outage").withDevicesPerModel(1);
        small.phases().forEach(phase -> assertThat(Traffic.phaseScale(small, phase, 3600, Capacity.ONE_PROCESS)).isEqualTo(3600));
        // What bench's bare clients are paced by: its fleet's baseline at 1,000 devices, held below the auto scale.
        Scenario bench = load("bench").withDevicesPerModel(1_000);
        assertThat(ScenarioRunner.firstPhaseScale(bench)).isEqualTo(Traffic.phaseScale(bench, bench.phases().get(0),
                ScenarioRunner.runScale(bench), Capacity.ONE_PROCESS)).isLessThan(ScenarioRunner.runScale(bench));
    }

    private static Scenario load(String name) throws Exception {
        return Scenarios.loader(Project.root()).load(Project.file("scenarios/" + name + ".yaml"));
    }
}
