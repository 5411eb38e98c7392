package io.cloudcut.fault;

import io.cloudcut.fault.EchoServer.Received;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.cloudcut.fault.VertxFutures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults that act over time (latency, bandwidth, flap, slow-close), measured through a link in front of an echo server. */
class TimedFaultsTest extends LinkToEchoServer {

    @Test
    void latencyUpstream_delaysEchoRoundTripByAtLeastTheLatency() throws Exception {
        Received received = echo.connect(link);
        link.apply(LinkFaults.create("latency", Map.of("latency", 400), Direction.UPSTREAM));

        long sentAt = System.nanoTime();
        received.socket.write(Buffer.buffer("ping"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.length() == 4);
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - sentAt);
        System.out.println("round trip with 400 ms upstream latency: " + roundTrip.toMillis() + " ms");

        assertThat(roundTrip).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(received.text()).isEqualTo("ping");
    }

    @Test
    void latencyWithJitter_neverReordersBytes() throws Exception {
        Received received = echo.connect(link);
        link.apply(LinkFaults.create("latency", Map.of("latency", 40, "jitter", 40), null));
        StringBuilder sent = new StringBuilder();

        for (int i = 0; i < 300; i++) {
            String chunk = i + ",";
            sent.append(chunk);
            join(received.socket.write(Buffer.buffer(chunk)));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> received.length() == sent.length());
        assertThat(received.text()).isEqualTo(sent.toString());
    }

    @Test
    void bandwidth_takesAtLeastSizeOverRate() throws Exception {
        Received received = echo.connect(link);
        link.apply(LinkFaults.create("bandwidth", Map.of("rate", 50), Direction.UPSTREAM));
        byte[] sent = new byte[100_000];
        new Random(7).nextBytes(sent);

        long sentAt = System.nanoTime();
        received.socket.write(Buffer.buffer(sent));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.length() == sent.length);
        Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
        System.out.println("100 KB at 50 KB/s took " + took.toMillis() + " ms");

        // 100 000 bytes at 50 000 bytes/s; delays are whole milliseconds, rounded down.
        assertThat(took).isBetween(Duration.ofMillis(1_990), Duration.ofSeconds(15));
        assertThat(Arrays.mismatch(sent, received.bytes())).as("index of first differing byte").isEqualTo(-1);
    }

    @Test
    void flap_dropsConnectionsRepeatedly_andRestoreEndsIt() throws Exception {
        List<ProxyEvent> linkEvents = new CopyOnWriteArrayList<>();
        proxy.events().listen(event -> {
            if (event.event().startsWith("link-")) {
                linkEvents.add(event);
            }
        });
        link.apply(LinkFaults.create("flap", Map.of("down", 300, "up", 500), null));
        AtomicReference<Received> current = new AtomicReference<>();
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        // A device that reconnects whenever it is not connected.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Received connected = current.get();
            if (connected != null && connected.closed.isDone()) {
                dropped.incrementAndGet();
                current.set(null);
            } else if (connected == null) {
                try {
                    current.set(echo.connect(link));
                } catch (Exception refusedWhileDown) {
                    refused.incrementAndGet();
                }
            }
            return dropped.get() >= 3;
        });
        System.out.println("flap: " + dropped + " connections dropped, " + refused + " connects refused");

        assertThat(refused).hasPositiveValue();
        assertThat(link.stats().reset()).isGreaterThanOrEqualTo(3);

        link.restore();
        Received afterRestore = echo.connect(link);
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(15)).until(() -> !afterRestore.closed.isDone());

        // Told as they happen, the link's ups within the flap by a fault still on it, the last by its removal.
        List<String> told = linkEvents.stream().map(event -> event.event() + " " + event.about().get("faults")).toList();
        assertThat(told).hasSizeGreaterThanOrEqualTo(6);
        assertThat(told.get(0)).isEqualTo("link-closed [flap]");
        assertThat(told.get(1)).isEqualTo("link-reopened [flap]");
        for (int index = 0; index < told.size(); index++) {
            assertThat(told.get(index)).as("event %d of %s", index, told)
                    .isIn(index % 2 == 0 ? List.of("link-closed [flap]") : List.of("link-reopened [flap]", "link-reopened []"));
        }
        assertThat(told.get(told.size() - 1)).as("open once the flap is removed").startsWith("link-reopened");
        assertThat(linkEvents).allMatch(event -> "echo".equals(event.about().get("link")));
    }

    @Test
    void slowCloseDownstream_deviceSeesServerCloseOnlyAfterTheDelay_withEveryByteBeforeIt() throws Exception {
        Received received = echo.connect(link);
        NetSocket serverSide = echo.serverSides.pollLast(10, TimeUnit.SECONDS);
        link.apply(LinkFaults.create("slow-close", Map.of("delay", 800), Direction.DOWNSTREAM));

        long closedAt = System.nanoTime();
        serverSide.write(Buffer.buffer("bye"));
        join(serverSide.close());

        await().atMost(Duration.ofSeconds(10)).until(received.closed::isDone);
        Duration seenAfter = Duration.ofNanos(received.closed.get() - closedAt);
        System.out.println("close seen by the device after " + seenAfter.toMillis() + " ms");
        assertThat(seenAfter).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(received.text()).isEqualTo("bye");
    }
}
