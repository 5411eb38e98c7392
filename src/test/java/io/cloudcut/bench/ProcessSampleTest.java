package io.cloudcut.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessSampleTest {

    @Test
    void theCompilersShareIsTheirCpuOverTheWallBetweenTwoSamples() {
        ProcessSample from = new ProcessSample(0, 10, 0, 2_000_000_000L, 0);
        ProcessSample to = new ProcessSample(0, 10, 0, 2_500_000_000L, 1_000_000_000L);

        assertThat(to.compilerCpuPercentSince(from)).isEqualTo(50.0);
    }

    @Test
    void whereTheSystemDoesNotTellTheCompilersShareIsNone() {
        ProcessSample from = new ProcessSample(0, 10, 0, -1, 0);
        ProcessSample to = new ProcessSample(0, 10, 0, -1, 1_000_000_000L);

        assertThat(to.compilerCpuPercentSince(from)).isZero();
    }

    @Test
    void onLinuxTheCompilerThreadsCpuIsReadFromTheProcessThreads() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        // Not compared between two samples: a compiler thread beyond the first may end when idle, taking its count.
        assertThat(ProcessSample.now().compilerCpuNanos()).as("this JVM has compiled the test runner's code by now").isPositive();
    }
}
