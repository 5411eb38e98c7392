package io.cloudcut.cli;

import io.cloudcut.testing.CliRun;
import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fuzz}'s bad input, refused before anything starts; the fuzzing itself is {@code FuzzRunTest}'s. */
class FuzzCommandTest {

    @Test
    void anUnknownModelIsBadInputNamedWithItsFile() {
        CliRun run = CliRun.of("fuzz", "--project-dir", Project.root().toString(), "--model", "vacuum-local-first,no-such-model");

        assertThat(run.exitCode()).isEqualTo(CloudCutCommand.EXIT_BAD_INPUT);
        assertThat(run.errorLines()).singleElement().asString().startsWith("error: ").contains("no-such-model.yaml");
    }

    @Test
    void noPayloadsIsBadUsage() {
        CliRun run = CliRun.of("fuzz", "--project-dir", Project.root().toString(), "--payloads", "0");

        assertThat(run.exitCode()).isEqualTo(CloudCutCommand.EXIT_BAD_INPUT);
        assertThat(run.errorLines()).singleElement().asString().contains("payloads");
    }
}
