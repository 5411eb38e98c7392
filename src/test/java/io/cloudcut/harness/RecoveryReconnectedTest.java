package io.cloudcut.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryReconnectedTest {

    @Test
    void aDeviceFoundWorkingWasConnectedByThen_evenIfTheHarnessHeardSoLater() {
        assertThat(Recovery.reconnectedBy(4_227L, 4_214, true)).isEqualTo(4_214L);
    }

    @Test
    void aConnectionHeardBeforeTheDeviceWasFoundWorkingKeepsItsOwnMoment() {
        assertThat(Recovery.reconnectedBy(3_900L, 4_214, true)).isEqualTo(3_900L);
    }

    @Test
    void aDeviceNotBackProvesNothingOfItsConnection() {
        assertThat(Recovery.reconnectedBy(4_227L, 4_214, false)).isEqualTo(4_227L);
        assertThat(Recovery.reconnectedBy(null, 4_214, true)).isNull();
    }
}
