package io.cloudcut.bench;

import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.RunsAlone;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code cloudcut bench} in a small configuration: both sides measured in one run, every figure
 * there, and the ratios computed from that run's own figures. The large runs are documented
 * commands (README, Benchmarks), not tests. The run loads the machine (its fleet at 3600x sends
 * about a fifth of what this machine carries) and runs alone: side by side, it ran with the last
 * classes of the suite, two of which then timed out waiting in two CI runs. A run whose fleet's
 * baseline was not healthy is refused (exit 3) and run once more, as a user would. Bad input,
 * refused before anything starts, runs side by side.
 */
@Isolated
class BenchCommandTest {

    private static final int DEVICES = 40;

    @Test
    @RunsAlone
    void measuresBareClientsAndTheFleetInOneRunAndRatesOneAgainstTheOther() throws Exception {
        // 3 s of bare traffic instead of the default 10: 40 clients reach a steady rate within it.
        // On one proxy port, the setup of the large runs (BENCHMARKS.md): one listening socket less a device.
        CliRun run = CliRun.measured("bench", "--devices", String.valueOf(DEVICES), "--traffic-window", "3s", "--json",
                "--one-proxy-port", "--project-dir", Project.root().toString());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).contains(DEVICES + " bare vertx clients, connecting 3 times through the fault proxy and straight to the broker in turn, "
                        + "then publishing for 3s at the fleet's pace, then as fast as the broker acknowledges")
                .contains("phase 3/3 recovery")
                .contains("starting the harness's warm-up: " + DEVICES + " devices through a 10m baseline, not measured")
                .contains(DEVICES + " devices connected in")
                .contains(DEVICES + " devices through one proxy port, their links told apart by client id");
        JsonObject figures = new JsonObject(run.out());
        assertThat(figures.getString("bench")).contains("links on one proxy port");
        JsonObject bare = figures.getJsonObject("bare");
        JsonObject fleet = figures.getJsonObject("fleet");
        for (JsonObject side : new JsonObject[] {bare, fleet}) {
            assertThat(side.getInteger("clients")).isEqualTo(DEVICES);
            assertThat(side.getDouble("connectsPerSecond")).isPositive();
            assertThat(side.getDouble("eventsPerSecond")).isPositive();
            assertThat(side.getLong("heapBytesPerClient")).isNotNegative();
            assertThat(side.getDouble("cpuPercent")).isPositive();
            assertThat(side.getDouble("connectCpuMillisPerClient")).as("connecting takes some CPU").isPositive();
            assertThat(side.getDouble("connectCompilePercent")).as("the compiler's share while connecting").isNotNegative();
        }
        assertThat(bare.getDouble("eventsCeilingPerSecond")).as("back to back, the bare clients outrun the fleet's pace")
                .isGreaterThan(bare.getDouble("eventsPerSecond"));
        assertThat(fleet.containsKey("eventsCeilingPerSecond")).as("the raw ceiling is the bare clients'").isFalse();
        JsonObject throughProxy = bare.getJsonObject("throughProxy");
        assertThat(throughProxy.getInteger("clients")).isEqualTo(DEVICES);
        assertThat(throughProxy.getDouble("connectsPerSecond")).isPositive();
        assertThat(throughProxy.getDouble("connectCpuMillisPerClient")).as("connecting through the proxy takes some CPU").isPositive();
        assertThat(fleet.getBoolean("healthy")).isTrue();
        assertThat(fleet.getLong("cloudHeapBytes")).as("the cloud's heap, counted apart from the devices'").isNotNull();
        assertThat(fleet.getDouble("signedInSeconds")).isGreaterThanOrEqualTo(fleet.getDouble("connectSeconds"));
        assertThat(fleet.getJsonObject("phaseSeconds").fieldNames()).containsExactlyInAnyOrder("baseline", "outage", "recovery");
        assertThat(fleet.getInteger("recovered")).as("every device works again after the storm").isEqualTo(DEVICES);
        assertThat(fleet.getDouble("lastBackSeconds")).isPositive();
        assertThat(fleet.getDouble("lastReconnectedSeconds")).as("every link was cut: each device connected again, "
                + "and before a round found it working").isPositive().isLessThanOrEqualTo(fleet.getDouble("lastBackSeconds"));
        double baseline = new ScenarioLoader(Project.root()).load(Project.file("scenarios/bench.yaml")).phases().get(0)
                .duration().toSeconds();
        double kept = baseline / fleet.getJsonObject("phaseSeconds").getDouble("baseline");
        assertThat(fleet.getDouble("baselineTimeScale")).as("the scale the baseline kept, its scenario time over its real length")
                .isCloseTo(kept, within(1e-9)).isLessThanOrEqualTo(fleet.getDouble("timeScale") * 1.02);
        assertThat(fleet.getDouble("deviceHoursPerRealSecond")).isCloseTo(DEVICES * kept / 3600, within(1e-9));
        JsonObject ratio = figures.getJsonObject("ratio");
        assertThat(ratio.getDouble("connect"))
                .isCloseTo(fleet.getDouble("connectsPerSecond") / bare.getDouble("connectsPerSecond"), within(1e-9));
        assertThat(ratio.getDouble("throughput"))
                .isCloseTo(fleet.getDouble("eventsPerSecond") / bare.getDouble("eventsPerSecond"), within(1e-9));
        assertThat(ratio.getDouble("proxyHop"))
                .isCloseTo(throughProxy.getDouble("connectsPerSecond") / bare.getDouble("connectsPerSecond"), within(1e-9));
        assertThat(ratio.getDouble("connectBeyondProxy"))
                .isCloseTo(fleet.getDouble("connectsPerSecond") / throughProxy.getDouble("connectsPerSecond"), within(1e-9));
        assertThat(ratio.getDouble("throughput")).as("the fleet carries its own telemetry").isGreaterThan(0.5);
    }

    @Test
    void badInputIsRefusedBeforeAnythingStarts() {
        CliRun none = CliRun.of("bench", "--devices", "0", "--project-dir", Project.root().toString());
        CliRun unknown = CliRun.of("bench", "--client", "mosquitto-c", "--project-dir", Project.root().toString());

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errorLines()).containsExactly("error: --devices must be at least 1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errorLines()).singleElement().asString().contains("--client: unknown MQTT client stack 'mosquitto-c'");
        CliRun instant = CliRun.of("bench", "--traffic-window", "500ms", "--project-dir", Project.root().toString());
        CliRun vague = CliRun.of("bench", "--traffic-window", "a while", "--project-dir", Project.root().toString());
        assertThat(instant.exitCode()).isEqualTo(2);
        assertThat(instant.errorLines()).containsExactly("error: --traffic-window must be at least 1s, not 500ms");
        assertThat(vague.exitCode()).isEqualTo(2);
        assertThat(vague.errorLines()).singleElement().asString()
                .startsWith("error: --traffic-window: 'a while' is not a duration");
    }
}
