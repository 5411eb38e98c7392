package io.cloudcut.harness;

import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A recovery probe's time-out: a cloud-path answer is given as long again as the emulated cloud is behind. */
@Execution(ExecutionMode.CONCURRENT)
class RecoveryTimeoutTest {

    private static final Duration HALF_A_SECOND = Duration.ofMillis(500);
    private static final FunctionSpec FROM_THE_APP = function("clean-from-app", FunctionPath.CLOUD);
    private static final FunctionSpec THE_BUTTON = function("clean-button", FunctionPath.LOCAL);

    @Test
    void aCloudPathProbeWaitsAsMuchLongerAsTheCloudIsBehind() {
        assertThat(Recovery.timeout(FROM_THE_APP, HALF_A_SECOND, 2_200)).isEqualTo(Duration.ofMillis(2_700));
        assertThat(Recovery.timeout(FROM_THE_APP, HALF_A_SECOND, 0)).isEqualTo(HALF_A_SECOND);
    }

    @Test
    void aLocalProbeDoesNotCrossTheCloudAndKeepsItsTimeout() {
        assertThat(Recovery.timeout(THE_BUTTON, HALF_A_SECOND, 2_200)).isEqualTo(HALF_A_SECOND);
    }

    private static FunctionSpec function(String name, FunctionPath path) {
        return new FunctionSpec(name, path, null, List.of(), FunctionRole.PRIMARY);
    }
}
