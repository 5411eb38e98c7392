package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow service the baseline cannot tell apart is refused at the baseline, as an unhealthy harness is: a function it
 * slows would read KEPT for the harness's latency. No baseline hides less than 50 ms (the verdict's least slack), so
 * a commands service 20 ms slow a request is never told apart, on any machine.
 */
class UnresolvableSlowdownTest {

    @TempDir
    Path dir;

    @Test
    void aSlowServiceWithinWhatTheBaselineHidesIsRefusedAtTheBaselineAndSaysSo() throws Exception {
        Path scenario = Files.writeString(dir.resolve("barely-slow.yaml"), """
                name: barely-slow
                timeScale: 3600
                probe: {rounds: 2, timeout: 1500ms}
                fleet: [{model: doorbell-local-chime}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - {name: sluggish, kind: outage, duration: 1h, faults: [{service: commands, fault: slow, attributes: {latency: 20ms}}]}
                """);

        CliRun run = CliRun.of("run", scenario.toString(), "--project-dir", Project.root().toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(CloudCutCommand.EXIT_INFRASTRUCTURE);
        assertThat(run.transcript()).contains("the baseline hides a cloud function's slowdown of up to",
                "not less than the 20 ms that slow service commands", "would read KEPT for the harness's latency")
                .doesNotContain("phase 2/2 sluggish");
    }
}
