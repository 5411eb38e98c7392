package io.cloudcut.bench;

import io.cloudcut.observation.HealthObserved;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchResultTest {

    /** Through the proxy: 160 a second, 0.8 of the 200 straight to the broker. */
    private static final Connects THROUGH_PROXY = new Connects(100, 0.625, 1.10, 8);
    private static final BareFigures BARE = new BareFigures(new Side(new Connects(100, 0.5, 0.75, 10), 200, 16_384, 2, 40), 12_345,
            THROUGH_PROXY);
    private static final Side FLEET = new Side(new Connects(100, 2.0, 3.25, 5), 190, 65_536, 10, 80);

    @Test
    void theTableShowsBothSidesAndEndsWithTheRatios() {
        String table = result(true).table();

        assertThat(table).containsPattern(" +bare clients +bare via proxy +fleet\n")
                .containsPattern("connect \\(per s\\) +200 +160 +50\n")
                .containsPattern("events via broker \\(per s\\) +200\\.0 +- +190\\.0\n")
                .containsPattern("heap per client \\(KB\\) +16\\.0 +- +64\\.0\n")
                .containsPattern("CPU per connect \\(ms\\) +0\\.75 +1\\.10 +3\\.25\n")
                .containsPattern("JIT compiling \\(% core\\) +10 +8 +5\n")
                .doesNotContain("the JIT compiler took")
                .contains("every device connected in 2.0 s and signed in by 3.0 s")
                .contains("the emulated cloud's services held 0.4 MB before the devices started")
                .contains("storm: 100 of 100 devices working again, the last 3.5 s after the outage ended; connected again, "
                        + "the last 2.1 s after it\n")
                .contains("27.8 device-hours per real second (100 devices, the baseline at 1000x of the 1000x planned)")
                .contains("bare clients: 12,345 events a second via the broker when each published its next on the last one's "
                        + "acknowledgement (the raw ceiling)")
                .doesNotContain("NOT a measurement");
        assertThat(table.lines().reduce((first, second) -> second)).hasValue("ratio connect=0.25 throughput=0.95 heap=4.00");
    }

    @Test
    void theConnectRatioIsSplitAtTheProxy_theHopAndTheRestOfTheHarness() {
        BenchResult result = result(true);

        assertThat(result.proxyHopRatio()).isEqualTo(0.8, within(1e-9));
        assertThat(result.connectBeyondProxyRatio()).isEqualTo(50 / 160.0, within(1e-9));
        assertThat(result.proxyHopRatio() * result.connectBeyondProxyRatio()).as("the two parts make the whole")
                .isEqualTo(result.connectRatio(), within(1e-9));
        assertThat(result.table()).contains("connect: through the fault proxy (no faults), the bare clients connected at 0.80 of "
                + "their rate straight to the broker (1.10 ms of CPU a connect against 0.75): every device's connection takes "
                + "that hop, and the fleet connected at 0.31 of them\n");
        assertThat(result.toJson().getJsonObject("ratio").getDouble("proxyHop")).isEqualTo(0.8, within(1e-9));
        assertThat(result.toJson().getJsonObject("bare").getJsonObject("throughProxy").getDouble("connectsPerSecond")).isEqualTo(160.0);
    }

    /** A side whose process held no more once its clients were up than before them was not measured: no 0.0 KB, no ratio of 0. */
    @Test
    void aHeapThatCouldNotBeMeasuredIsSaidSo_andGivesNoRatio() {
        BareFigures unmeasured = new BareFigures(new Side(new Connects(100, 0.5, 0.75, 10), 200, 0, 2, 40), 12_345, THROUGH_PROXY);
        HealthObserved baseline = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        BenchResult result = new BenchResult("a test", 1000, 11_250, unmeasured, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000,
                Map.of("baseline", 3.6), 8.0, 100, 3.5, 2.1, ClockWaits.NONE, baseline, null));

        assertThat(result.table()).containsPattern("heap per client \\(KB\\) +- +- +64\\.0\n")
                .contains("heap: could not be measured for the bare clients");
        assertThat(result.table().lines().reduce((first, second) -> second)).hasValue("ratio connect=0.25 throughput=0.95 heap=n/a");
        assertThat(result.toJson().getJsonObject("ratio").getValue("heap")).isNull();
    }

    @Test
    void anUnhealthyBaselineIsSaidToBeNoMeasurement() {
        BenchResult unhealthy = result(false);

        assertThat(unhealthy.fleetHealthy()).isFalse();
        assertThat(unhealthy.table()).contains("NOT HEALTHY").contains("NOT a measurement: the baseline was not healthy")
                .contains("storm: not reached, the run stopped after its baseline");
    }

    @Test
    void aStormWhileTheHarnessFellBehindIsSaidToBeNoMeasurementOfTheDevices() {
        HealthObserved baseline = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        HealthObserved run = new HealthObserved(0, HealthObserved.Window.RUN, 1000, 1, 5, 2, 9, 60, 0, 0, false,
                List.of("cloud service ingest fell behind: 28 of its 334 own messages took over 1000 ms"));
        BenchResult behind = new BenchResult("a test", 1000, 11_250, BARE, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000, Map.of("baseline", 3.6), 8.0,
                58, 11.8, -1, ClockWaits.NONE, baseline, run));

        assertThat(behind.table())
                .contains("storm: 58 of 100 devices working again, the last 11.8 s after the outage ended, NOT a "
                        + "measurement of the devices: the harness was not healthy over the run (below)")
                .contains("fleet:   - cloud service ingest fell behind: 28 of its 334 own messages took over 1000 ms");
    }

    @Test
    void aStormTheClockSlowedForIsSaidToHaveBeenSlowed() {
        HealthObserved healthy = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        BenchResult waited = new BenchResult("a test", 1000, 11_250, BARE, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000, Map.of("baseline", 3.6), 8.0,
                100, 12.6, -1, new ClockWaits(2, 1, 3, 4, 5), healthy, healthy));

        assertThat(waited.table()).contains("storm: 100 of 100 devices working again, the last 12.6 s after the outage ended "
                + "(over the run, the clock ran in real time 2 times while the emulated cloud caught up, and 1 time while "
                + "this machine's connections were slow; its climb slowed 3 times for this machine's connects; it ran slower 4 times "
                + "for the rate of the fleet's connects; it stood still 5 times while connect attempts due at once waited for their turn)\n");
        assertThat(waited.toJson().getJsonObject("fleet").getLong("cloudWaits")).isEqualTo(2);
        assertThat(waited.toJson().getJsonObject("fleet").getLong("connectWaits")).isEqualTo(1);
        assertThat(waited.toJson().getJsonObject("fleet").getLong("connectDelaySlowdowns")).isEqualTo(3);
        assertThat(waited.toJson().getJsonObject("fleet").getLong("connectRateSlowdowns")).isEqualTo(4);
        assertThat(waited.toJson().getJsonObject("fleet").getLong("attemptWaits")).isEqualTo(5);
        assertThat(result(true).table()).doesNotContain("caught up");
    }

    @Test
    void deviceHoursAreCountedAtTheScaleTheBaselineKept_notTheOnePlanned() {
        HealthObserved healthy = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        BenchResult slowed = new BenchResult("a test", 675, 11_250, BARE, new FleetFigures(FLEET, 400_000, 3.0, 675, 486.4, Map.of("baseline", 14.8),
                40.0, 100, 8.4, 8.1, ClockWaits.NONE, healthy, healthy));

        assertThat(slowed.table()).contains("13.5 device-hours per real second (100 devices, the baseline at 486x of the 675x planned)");
        assertThat(slowed.toJson().getJsonObject("fleet").getDouble("baselineTimeScale")).isEqualTo(486.4);
    }

    /** At auto, a fleet whose baseline was refused for the harness's load runs again at half the scale, and publishes half as much. */
    @Test
    void aFleetMeasuredAgainSlowerIsSaidToHaveCarriedLessOfTheSameTraffic() {
        HealthObserved healthy = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        BenchResult again = new BenchResult("a test", 2000, 11_250, BARE, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000,
                Map.of("baseline", 3.6), 8.0, 100, 3.5, 2.1, ClockWaits.NONE, healthy, healthy));

        assertThat(again.throughputRatio()).as("190 a second against the bare clients' 200, not half of them").isEqualTo(0.95, within(1e-9));
        assertThat(again.table()).contains("events: the fleet's baseline ran at 1000x, not the 2000x the bare clients published at "
                + "the pace of (auto ran it again slower, its first baseline refused for the harness's load): it carried at most "
                + "0.50 of their traffic, and the throughput ratio counts it so\n");
        assertThat(result(true).table()).doesNotContain("events: the fleet's baseline ran at");
    }

    @Test
    void aConnectTheCompilerTookAQuarterOfACoreFromIsSaidToMoveTheRatio() {
        BareFigures compiling = new BareFigures(new Side(new Connects(100, 0.5, 0.75, BenchResult.COMPILING_NOTED_PERCENT), 200, 16_384,
                2, 40), 12_345, THROUGH_PROXY);
        HealthObserved healthy = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200, 0, true, List.of());
        BenchResult noted = new BenchResult("a test", 1000, 11_250, compiling, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000,
                Map.of("baseline", 3.6), 8.0, 100, 3.5, 2.1, ClockWaits.NONE, healthy, healthy));

        assertThat(noted.table()).contains("connect: the JIT compiler took 25% of a core while the bare clients connected and 5% "
                + "while the fleet did; both sides are bound by the CPU, so the connect ratio moves with where its work falls");
        assertThat(noted.toJson().getJsonObject("bare").getDouble("connectCompilePercent")).isEqualTo(25.0);
    }

    private static BenchResult result(boolean healthy) {
        HealthObserved baseline = new HealthObserved(0, HealthObserved.Window.BASELINE, 1000, 1, 5, 2, 9, 60, 200,
                healthy ? 0 : 50, healthy, healthy ? List.of() : List.of("25% of baseline probes failed"));
        return new BenchResult("a test", 1000, 11_250, BARE, new FleetFigures(FLEET, 400_000, 3.0, 1000, 1000, Map.of("baseline", 3.6), 8.0,
                healthy ? 100 : -1, healthy ? 3.5 : -1, healthy ? 2.1 : -1, ClockWaits.NONE, baseline, null));
    }
}
