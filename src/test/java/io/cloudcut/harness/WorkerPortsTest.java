package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When workers put their links on one proxy port each: asked, or a fleet past the machine's loopback ports. */
class WorkerPortsTest {

    @Test
    void aFleetWhoseLinksFitTheLoopbackPortsGetsAPortALink() {
        assertThat(WorkerDevices.sharedPort(4_500, false)).isFalse();
        assertThat(WorkerDevices.sharedPort(WorkerDevices.LOOPBACK_PORTS / WorkerDevices.PORTS_A_LINK, false)).isFalse();
    }

    @Test
    void aFleetPastThemSharesAPortOnEachWorker() {
        assertThat(WorkerDevices.sharedPort(WorkerDevices.LOOPBACK_PORTS / WorkerDevices.PORTS_A_LINK + 1, false)).isTrue();
        assertThat(WorkerDevices.sharedPort(18_000, false)).isTrue();
        assertThat(WorkerDevices.sharedPort(10_000, false)).as("30,000 ports: links refused in a storm found theirs taken").isTrue();
    }

    @Test
    void anyFleetSharesOneWhenAsked() {
        assertThat(WorkerDevices.sharedPort(8, true)).isTrue();
    }
}
