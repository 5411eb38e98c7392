package io.cloudcut.report;

import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.DeviceModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cloudcut.observation.ProbeOutcome.CLOUD_ERROR;
import static io.cloudcut.observation.ProbeOutcome.OK;
import static io.cloudcut.observation.ProbeOutcome.REFUSED;
import static io.cloudcut.observation.ProbeOutcome.TIMED_OUT;
import static io.cloudcut.observation.ProbeOutcome.UNPROTECTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The report per function and phase: counts, how the failures split, the verdict against the baseline. */
class VerdictsTest {

    private static final DeviceModel VACUUM = SampleModels.CHILD_LOCK;

    @Test
    void eachPhaseSaysHowTheFailuresSplit() {
        RunFixture run = RunFixture.baselineAndOutage(VACUUM, 1, Duration.ofHours(4));
        List<Map<String, ProbeOutcome>> rounds = List.of(
                Map.of("clean-button", REFUSED, "child-lock", UNPROTECTED),
                Map.of("clean-button", CLOUD_ERROR, "child-lock", REFUSED),
                Map.of("clean-button", TIMED_OUT, "child-lock", OK),
                Map.of("clean-button", OK, "child-lock", OK));
        for (int round = 0; round < rounds.size(); round++) {
            run.round("outage", round, Duration.ofHours(1 + round), "vacuum-child-lock-1", rounds.get(round));
        }
        ModelReport model = run.report().model("vacuum-child-lock");

        PhaseCounts button = model.functions().get(0).phases().get("outage");
        assertThat(button).isEqualTo(new PhaseCounts(1, 3, 1, 1, 1, 0, RunFixture.LATENCY_MILLIS,
                RunFixture.LATENCY_MILLIS, FunctionVerdict.DEGRADED));
        PhaseCounts lock = model.functions().get(1).phases().get("outage");
        assertThat(lock.unprotected()).isEqualTo(1);
        assertThat(lock.refused()).isEqualTo(1);
        assertThat(lock.verdict()).as("3 of 4 protected").isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(model.functions().get(1).lastFailure()).isEqualTo("outage: refused");
        assertThat(model.verdict()).isEqualTo(ModelVerdict.FAIL_OPEN);
        assertThat(model.timeline().describe()).isEqualTo(
                "FAIL_OPEN from +0:00 to +1:00, CLOUD_DEPENDENT from +1:00 to +3:00, FULLY_AVAILABLE from +3:00 to +4:00");
    }

    @Test
    void aPhaseWithoutProbesOfAFunctionGivesItNoVerdict() {
        ModelReport model = RunFixture.baselineAndOutage(VACUUM, 1, Duration.ofHours(4))
                .rounds("outage", 2, VACUUM.id(), Map.of("clean-button", OK))
                .report().model("vacuum-child-lock");

        assertThat(model.functions().get(1).phases().get("outage").verdict()).isNull();
        assertThat(model.functions().get(1).verdict()).isNull();
        assertThat(model.functions().get(0).verdict()).isEqualTo(FunctionVerdict.KEPT);
        assertThat(model.verdict()).as("what was probed was kept").isEqualTo(ModelVerdict.FULLY_AVAILABLE);
    }

    @Test
    void eachRefusalReasonCountsTheDevicesGivenIt_onceADevice() {
        String expired = "TLS refused: certificate expired";
        String unknownCa = "TLS refused: unknown CA";
        RunFixture run = RunFixture.baselineAndOutage(VACUUM, 3, Duration.ofHours(2))
                .rounds("outage", 1, VACUUM.id(), Map.of("clean-button", OK));
        long outage = run.start("outage").toMillis();
        run.observe(ConnectionObserved.down(outage + 1_000, "vacuum-child-lock-1", VACUUM.id(), "kicked off"))
                .observe(ConnectionObserved.refused(outage + 2_000, "vacuum-child-lock-1", VACUUM.id(), expired))
                .observe(ConnectionObserved.refused(outage + 3_000, "vacuum-child-lock-1", VACUUM.id(), unknownCa))
                .observe(ConnectionObserved.refused(outage + 4_000, "vacuum-child-lock-1", VACUUM.id(), expired))
                .observe(ConnectionObserved.refused(outage + 2_500, "vacuum-child-lock-2", VACUUM.id(), expired));

        Map<String, Integer> refused = run.report().model(VACUUM.id()).reconnect().refusedDevices();

        assertThat(refused).containsExactly(Map.entry(expired, 2), Map.entry(unknownCa, 1));
        assertThat(RunFixture.baselineAndOutage(VACUUM, 1, Duration.ofHours(1)).report().model(VACUUM.id())
                .reconnect().refusedDevices()).as("no refusal observed").isEmpty();
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 10.0);
        assertThat(Percentiles.nearestRank(values, 50, 0.0)).isEqualTo(3.0);
        assertThat(Percentiles.nearestRank(values, 95, 0.0)).isEqualTo(10.0);
        assertThat(Percentiles.nearestRank(values, 100, 0.0)).isEqualTo(10.0);
        assertThat(Percentiles.nearestRank(List.<Double>of(), 50, 0.0)).isZero();
    }
}
