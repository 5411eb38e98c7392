package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.stream.IntStream;

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
    void openLinks_bindsTheirPortsTogether_eachListening() throws Exception {
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "device-" + i).toList();

        List<Link> links = proxy.openLinks(ids, false);

        assertThat(links).extracting(Link::id).containsExactlyElementsOf(ids);
        assertThat(links.stream().map(Link::port).distinct()).hasSize(200).allSatisfy(port -> assertThat(port).isPositive());
        assertThat(proxy.links()).containsExactlyInAnyOrderElementsOf(links);
        for (Link link : List.of(links.get(0), links.get(199))) {
            try (Socket socket = new Socket(link.host(), link.port())) {
                assertThat(socket.isConnected()).as(link.id()).isTrue();
            }
        }
    }

    @Test
    void openLinks_onTheSharedPort_allTakeIt() {
        List<Link> links = proxy.openLinks(List.of("a", "b", "c"), true);

        assertThat(links).allSatisfy(link -> assertThat(link.onSharedPort()).isTrue());
        assertThat(links.stream().map(Link::port).distinct()).hasSize(1);
        assertThat(proxy.openLinkOnSharedPort("d").port()).isEqualTo(links.get(0).port());
    }

    @Test
    void openLinks_anIdOpenOrNamedTwice_opensNoneOfThem() {
        Link open = proxy.openLink("a");

        assertThatThrownBy(() -> proxy.openLinks(List.of("b", "a"), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is already open");
        assertThatThrownBy(() -> proxy.openLinks(List.of("c", "d", "c"), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'c' is named twice");
        assertThat(proxy.links()).containsExactly(open);
    }

    @Test
    void openLink_onAPortTaken_failsAndOpensNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> proxy.openLink("a", taken.getLocalPort())).hasMessageContaining("Address already in use");
        }
        assertThat(proxy.links()).isEmpty();
        assertThat(proxy.openLink("a").port()).isPositive();
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
