package io.cloudcut.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --dashboard} takes a port only when one follows: {@code run --dashboard SCENARIO} names the scenario. */
class DashboardOptionTest {

    @Test
    void aPortOnlyWhenANumberFollows() {
        assertThat(parsed("run", "--dashboard", "scenarios/short-outage.yaml")).extracting(run -> run.dashboard.port,
                run -> run.scenarioFile).containsExactly(0, Path.of("scenarios/short-outage.yaml"));
        assertThat(parsed("run", "--dashboard", "8080", "scenarios/short-outage.yaml").dashboard.port).isEqualTo(8080);
        assertThat(parsed("run", "--dashboard=8081").dashboard.port).isEqualTo(8081);
        assertThat(parsed("run", "scenarios/short-outage.yaml", "--dashboard").dashboard.port).isZero();
        assertThat(parsed("run", "scenarios/short-outage.yaml").dashboard.port).as("no dashboard").isNull();
    }

    private static RunCommand parsed(String... args) {
        CommandLine line = CloudCutCommand.commandLine();
        line.parseArgs(args);
        return line.getSubcommands().get("run").getCommand();
    }
}
