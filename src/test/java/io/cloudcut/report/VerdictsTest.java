package io.cloudcut.report;

import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

    private static final PhaseCounts ALL_OK = counts(6, 0, 20);

    @Test
    void aFunctionThatNeverWorkedInTheOutageIsLost() {
        assertThat(Verdicts.functionVerdict(ALL_OK, counts(0, 6, 0))).isEqualTo(FunctionVerdict.LOST);
    }

    @Test
    void aFunctionThatWorkedAsOftenAndAsFastIsKept() {
        assertThat(Verdicts.functionVerdict(ALL_OK, counts(6, 0, 30))).isEqualTo(FunctionVerdict.KEPT);
    }

    @Test
    void sometimesOrMuchSlowerIsDegraded() {
        assertThat(Verdicts.functionVerdict(ALL_OK, counts(3, 3, 20))).isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(Verdicts.functionVerdict(ALL_OK, counts(6, 0, 500))).isEqualTo(FunctionVerdict.DEGRADED);
    }

    @Test
    void modelVerdictsFollowFromFunctionVerdicts() {
        DeviceModel vacuum = new DeviceModel("v", DeviceKind.VACUUM, null, null, null, null, null, null, List.of(
                new FunctionSpec("clean-button", FunctionPath.LOCAL, null, null, FunctionRole.PRIMARY),
                new FunctionSpec("clean-from-app", FunctionPath.CLOUD, null, null, null)), null, null, null, null);
        assertThat(Verdicts.modelVerdict(vacuum, functions(FunctionVerdict.KEPT, FunctionVerdict.KEPT)))
                .isEqualTo(ModelVerdict.FULLY_AVAILABLE);
        assertThat(Verdicts.modelVerdict(vacuum, functions(FunctionVerdict.KEPT, FunctionVerdict.LOST)))
                .isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertThat(Verdicts.modelVerdict(vacuum, functions(FunctionVerdict.LOST, FunctionVerdict.LOST)))
                .isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(Verdicts.modelVerdict(vacuum, functions(FunctionVerdict.DEGRADED, FunctionVerdict.LOST)))
                .isEqualTo(ModelVerdict.PARTIAL);
        assertThat(Verdicts.modelVerdict(vacuum, functions(FunctionVerdict.KEPT, FunctionVerdict.DEGRADED)))
                .isEqualTo(ModelVerdict.PARTIAL);
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 10.0);
        assertThat(Verdicts.percentile(values, 50)).isEqualTo(3.0);
        assertThat(Verdicts.percentile(values, 95)).isEqualTo(10.0);
        assertThat(Verdicts.percentile(values, 100)).isEqualTo(10.0);
        assertThat(Verdicts.percentile(List.of(), 50)).isZero();
    }

    private static List<FunctionReport> functions(FunctionVerdict button, FunctionVerdict app) {
        return List.of(new FunctionReport("clean-button", "local", Map.of(), button, null),
                new FunctionReport("clean-from-app", "cloud", Map.of(), app, null));
    }

    private static PhaseCounts counts(long ok, long failed, long p50) {
        return new PhaseCounts(ok, failed, 0, failed, p50, null);
    }
}
