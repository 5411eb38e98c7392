package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

    /**
     * A proxy's loops, shut down just after its devices had sent their CONNECT and some had left, kept channels open on
     * epoll: 300 bare clients' rounds through four proxies left 750 ports listening and 390 connections half closed, and
     * 3,000 ran the bench out of open files. A closed proxy's ports, connections and broker sides are all closed.
     */
    @Test
    void close_closesEveryPortAndConnection_onPortsOfTheirOwnAndTheSharedOne() throws Exception {
        try (StandInBroker broker = new StandInBroker()) {
            BlockingQueue<Socket> accepted = broker.accepted();
            long before = openFiles();
            FaultProxy closing = FaultProxy.create("127.0.0.1", broker.port());
            List<Link> own = closing.openLinks(IntStream.range(0, 100).mapToObj(i -> "own-" + i).toList(), false);
            List<Link> shared = closing.openLinks(List.of("shared-0", "shared-1"), true);
            List<Socket> devices = new ArrayList<>();
            for (Link link : own.subList(0, 20)) {
                Socket device = new Socket(link.host(), link.port());
                device.getOutputStream().write(connect(link.id()));
                devices.add(device);
            }
            devices.add(new Socket(shared.get(0).host(), shared.get(0).port())); // not yet handed to its link
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() == 20);
            for (Socket leaving : devices.subList(0, 10)) {
                leaving.close(); // as a fleet's clients disconnect just before the proxy closes
            }

            closing.close();
            for (int i = 10; i < devices.size(); i++) {
                assertClosedByTheProxy(devices.get(i), i < 20 ? "device own-" + i : "the device on the shared port, before its CONNECT");
            }
            for (Socket brokerSide : accepted) {
                assertClosedByTheProxy(brokerSide, "a broker side, after its device's CONNECT");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(openFiles())
                    .as("open files after the proxy closed; %d before it", before).isLessThanOrEqualTo(before + 5));
        }
    }

    /**
     * Reads {@code socket} to its end, or to a reset: the proxy closed its side either way (a connection still in the
     * shared port's queue when it stops listening is reset). A leaked end never ends the stream: the read times out.
     */
    private static void assertClosedByTheProxy(Socket socket, String which) throws IOException {
        socket.setSoTimeout(30_000);
        try (socket) {
            socket.getInputStream().readAllBytes();
        } catch (SocketException reset) {
            // Closed too.
        } catch (SocketTimeoutException leaked) {
            throw new AssertionError(which + " was not closed by the proxy's close (no end of stream within 30 s)", leaked);
        }
    }

    /** An MQTT 3.1.1 CONNECT for {@code clientId}, short enough for a remaining length of one byte (under 116 characters). */
    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer connect = ByteBuffer.allocate(14 + id.length).put((byte) 0x10).put((byte) (12 + id.length))
                .put(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60}).putShort((short) id.length).put(id);
        return connect.array();
    }

    private static long openFiles() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
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
