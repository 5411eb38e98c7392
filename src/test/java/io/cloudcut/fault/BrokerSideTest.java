package io.cloudcut.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the broker's end of a link sees of a fault, with a plain TCP server standing in for the broker. */
class BrokerSideTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private StandInBroker broker;
    /** The broker's side of every connection made to it, in order. */
    private BlockingQueue<Socket> accepted;
    private FaultProxy proxy;
    private Link link;

    @BeforeEach
    void start() throws IOException {
        broker = new StandInBroker();
        accepted = broker.accepted();
        proxy = FaultProxy.create("127.0.0.1", broker.port());
        link = proxy.openLink("device-1");
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        broker.close();
    }

    @Test
    void blackhole_aConnectionMadeDuringIt_neverReachesTheBroker_untilItLifts() throws Exception {
        link.apply(LinkFaults.named("blackhole"));
        try (Socket device = new Socket(link.host(), link.port())) {
            device.getOutputStream().write("CONNECT".getBytes(StandardCharsets.US_ASCII));

            await().atMost(WAIT).until(() -> link.stats().bytesDropped() == 7);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(accepted::isEmpty);
            assertThat(link.openConnections()).as("accepted on the device side").isEqualTo(1);

            link.restore();
            Socket brokerSide = accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(brokerSide).as("connected once the blackhole lifted").isNotNull();
            device.getOutputStream().write("after".getBytes(StandardCharsets.US_ASCII));
            brokerSide.setSoTimeout((int) WAIT.toMillis());
            assertThat(brokerSide.getInputStream().readNBytes(5)).asString(StandardCharsets.US_ASCII).isEqualTo("after");
        }
    }

    @Test
    void reset_resetsTheBrokerSideToo() throws Exception {
        try (Socket device = new Socket(link.host(), link.port())) {
            Socket brokerSide = accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(brokerSide).isNotNull();
            brokerSide.setSoTimeout((int) WAIT.toMillis());

            link.apply(LinkFaults.named("reset"));

            InputStream fromProxy = brokerSide.getInputStream();
            assertThatThrownBy(fromProxy::read).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
            device.setSoTimeout((int) WAIT.toMillis());
            assertThatThrownBy(device.getInputStream()::read).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
        }
    }
}
