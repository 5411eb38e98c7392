package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultProxyTest {

    private final FaultProxy proxy = FaultProxy.create("127.0.0.1", 1883);

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void openLink_givesEachLinkItsOwnLoopbackPort() {
        Link first = proxy.openLink("a");
        Link second = proxy.openLink("b");

        assertThat(first.host()).isEqualTo("127.0.0.1");
        assertThat(first.port()).isPositive().isNotEqualTo(second.port());
        assertThat(proxy.links()).containsExactlyInAnyOrder(first, second);
        assertThat(proxy.link("b")).isSameAs(second);
        assertThat(first.faults()).isEmpty();
    }

    @Test
    void openLink_sameIdTwice_isRejected() {
        proxy.openLink("a");

        assertThatThrownBy(() -> proxy.openLink("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void link_unknownId_namesTheOpenLinks() {
        proxy.openLink("a");

        assertThatThrownBy(() -> proxy.link("zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'zz'")
                .hasMessageContaining("[a]");
    }

    @Test
    void openLink_afterClose_isRejected() {
        proxy.close();

        assertThatThrownBy(() -> proxy.openLink("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void apply_replacesActiveFault_andRestoreClearsIt() {
        Link link = proxy.openLink("a");

        link.apply(LinkFaults.named("blackhole"));
        link.apply(LinkFaults.named("reset"));
        assertThat(link.faults()).extracting(LinkFault::name).containsExactly("reset");

        link.restore();
        assertThat(link.faults()).isEmpty();
    }
}
