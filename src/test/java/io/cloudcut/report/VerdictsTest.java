package io.cloudcut.report;

import io.cloudcut.scenario.DeviceKind;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

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
        assertThat(Percentiles.nearestRank(values, 50, 0.0)).isEqualTo(3.0);
        assertThat(Percentiles.nearestRank(values, 95, 0.0)).isEqualTo(10.0);
        assertThat(Percentiles.nearestRank(values, 100, 0.0)).isEqualTo(10.0);
        assertThat(Percentiles.nearestRank(List.<Double>of(), 50, 0.0)).isZero();
    }

    private static List<FunctionReport> functions(FunctionVerdict button, FunctionVerdict app) {
        return List.of(new FunctionReport("clean-button", "local", Map.of(), button, null),
                new FunctionReport("clean-from-app", "cloud", Map.of(), app, null));
    }
}
