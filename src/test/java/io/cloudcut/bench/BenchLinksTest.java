package io.cloudcut.bench;

import io.cloudcut.testing.Project;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bare clients' links through the fault proxy are where the fleet's will be: their port choice is the run's. */
class BenchLinksTest {

    @Test
    void theBareClientsShareOnePortWhenAskedOrWhenAPortEachWouldNotFit_asTheFleetDoes() throws Exception {
        assertThat(Bench.linksOnOneProxyPort(settings(40, false), Bench.scenario(settings(40, false)))).as("40, a port each").isFalse();
        assertThat(Bench.linksOnOneProxyPort(settings(40, true), Bench.scenario(settings(40, true)))).as("asked").isTrue();

        // 4,500 devices on a port each need 23,500 descriptors with the embedded broker (five each and 1,000).
        long limit = openFileLimit();
        assumeTrue(limit > 0 && limit < 23_500, "this process may open " + limit + " files");
        assertThat(Bench.linksOnOneProxyPort(settings(4_500, false), Bench.scenario(settings(4_500, false))))
                .as("4,500 under a limit of %d", limit).isTrue();
    }

    private static Bench.Settings settings(int devices, boolean onePort) {
        return new Bench.Settings(devices, null, null, Project.root(), Duration.ofSeconds(3), onePort);
    }

    private static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }
}
