package io.cloudcut.harness;

import io.cloudcut.scenario.FaultSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transitions keep the scenario clock in real time for the fleet's slowest keepalive detection:
 * only those that put on its links a fault that only a time-out reveals.
 */
class SilentLinkFaultsTest {

    private static final FaultSpec BLACKHOLE = onAllLinks("blackhole");
    private static final FaultSpec REFUSE = onAllLinks("refuse");

    @Test
    void aBlackholeIsRevealedOnlyByATimeOut() {
        assertThat(Timeline.appliesSilentLinkFaults(List.of(), List.of(BLACKHOLE))).isTrue();
        assertThat(Timeline.appliesSilentLinkFaults(List.of(), List.of(REFUSE, BLACKHOLE))).isTrue();
    }

    @Test
    void connectionsClosedOrRefusedAreNoticedAtOnce() {
        for (String fault : new String[] {"refuse", "reset", "disconnect", "unresolvable"}) {
            assertThat(Timeline.appliesSilentLinkFaults(List.of(), List.of(onAllLinks(fault)))).as(fault).isFalse();
        }
    }

    @Test
    void aFaultAlreadyOnTheLinksIsNothingNew() {
        assertThat(Timeline.appliesSilentLinkFaults(List.of(BLACKHOLE), List.of(BLACKHOLE))).isFalse();
        assertThat(Timeline.appliesSilentLinkFaults(List.of(BLACKHOLE), List.of())).isFalse();
    }

    @Test
    void aServiceFaultIsNoLinkFault() {
        FaultSpec authDown = new FaultSpec("auth", null, null, null, null, "down", null, Map.of());
        assertThat(Timeline.appliesSilentLinkFaults(List.of(), List.of(authDown))).isFalse();
    }

    @Test
    void anExpiringCertificateShowsOnlyAtTheNextConnect() {
        FaultSpec certExpiry = new FaultSpec(null, null, null, List.of("vacuum-1"), null, "cert-expiry", null, Map.of());
        assertThat(Timeline.appliesSilentLinkFaults(List.of(), List.of(certExpiry))).isTrue();
    }

    private static FaultSpec onAllLinks(String fault) {
        return new FaultSpec(null, null, "all", null, null, fault, null, Map.of());
    }
}
