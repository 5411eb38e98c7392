package io.cloudcut.fault;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkFaultsTest {

    @Test
    void named_unknownName_listsKnownFaults() {
        assertThatThrownBy(() -> LinkFaults.named("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown link fault 'nope'; known faults: blackhole, refuse, reset");
    }

    @Test
    void named_knownName_givesFaultOfThatName() {
        assertThat(LinkFaults.names()).containsExactly("blackhole", "refuse", "reset");
        LinkFaults.names().forEach(name -> assertThat(LinkFaults.named(name).name()).isEqualTo(name));
    }
}
