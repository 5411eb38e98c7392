package io.cloudcut.fault;

import io.cloudcut.fault.EchoServer.Received;
import io.cloudcut.testing.RunsAlone;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.cloudcut.fault.VertxFutures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Byte-level behaviour of a link in front of a trivial echo server. Alone: a refusing link closes
 * its port and expects a connection to it refused, and in a fork beside it another test binding a
 * free port may be given that very port (a clean-clone CI run once connected there).
 */
@RunsAlone
class EchoThroughLinkTest extends LinkToEchoServer {

    @Test
    void healthyLink_echoesFiveMegabytesByteForByte() throws Exception {
        byte[] sent = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(sent);
        Received received = connect();

        received.socket.write(Buffer.buffer(sent));

        await().atMost(Duration.ofSeconds(60)).until(() -> received.length() >= sent.length);
        assertThat(received.length()).isEqualTo(sent.length);
        assertThat(Arrays.mismatch(sent, received.bytes())).as("index of first differing byte").isEqualTo(-1);
        assertThat(link.stats().bytesUp()).isEqualTo(sent.length);
        assertThat(link.stats().bytesDown()).isEqualTo(sent.length);
        assertThat(link.stats().bytesDropped()).isZero();
    }

    @Test
    void blackhole_dropsBytesButKeepsConnection_andRestoreLetsThemFlowAgain() throws Exception {
        Received received = connect();
        received.socket.write(Buffer.buffer("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.length() == 6);

        link.apply(LinkFaults.named("blackhole"));
        received.socket.write(Buffer.buffer("lost"));

        await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().bytesDropped() == 4);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(15)).until(() -> received.length() == 6);
        assertThat(link.openConnections()).isEqualTo(1);

        link.restore();
        received.socket.write(Buffer.buffer("after"));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.length() == 11);
        assertThat(received.text()).isEqualTo("beforeafter");
    }

    @Test
    void blackhole_withholdsServerClose_untilRestored() throws Exception {
        Received received = connect();
        CompletableFuture<Long> clientClosed = received.closed;
        NetSocket serverSide = echo.serverSides.pollLast(10, TimeUnit.SECONDS);

        link.apply(LinkFaults.named("blackhole"));
        join(serverSide.close());

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(15)).until(() -> !clientClosed.isDone());
        assertThat(link.openConnections()).isEqualTo(1);

        link.restore();

        await().atMost(Duration.ofSeconds(10)).until(clientClosed::isDone);
        assertThat(link.openConnections()).isZero();
    }

    @Test
    void unresolvable_refusesNewConnectionsAtOnceOpeningNothingUpstream_whileAnOpenOneKeepsExchangingData() throws Exception {
        Received open = connect();
        open.socket.write(Buffer.buffer("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> open.length() == 6);

        link.apply(LinkFaults.named("unresolvable"));

        assertThatThrownBy(() -> new Socket(link.host(), link.port()).close())
                .as("refused, not left to time out").isInstanceOf(ConnectException.class);
        open.socket.write(Buffer.buffer("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> open.length() == 11);
        assertThat(open.text()).isEqualTo("beforeafter");
        assertThat(link.stats().accepted()).as("the proxy accepted nothing new").isEqualTo(1);
        assertThat(echo.serverSides).as("and opened nothing towards the server").hasSize(1);

        link.restore();

        Received later = connect();
        later.socket.write(Buffer.buffer("resolved"));
        await().atMost(Duration.ofSeconds(10)).until(() -> later.length() == 8);
    }

    @Test
    void unresolvableThenRestored_manyTimesOver_neverAcceptsWhileRefusing_andAlwaysListensAgain() throws Exception {
        // NIO keeps a closed listening socket listening for a loop turn; before the link waited for the
        // port itself, a connection here was accepted, or the restore's bind failed, within a few tries.
        int acceptedWhileRefusing = 0;
        for (int attempt = 0; attempt < 300; attempt++) {
            link.apply(LinkFaults.named("unresolvable"));
            try {
                new Socket(link.host(), link.port()).close();
                acceptedWhileRefusing++;
            } catch (ConnectException refused) {
                // what a refusing link does
            }
            link.restore();
        }

        assertThat(acceptedWhileRefusing).isZero();
        Received afterwards = connect();
        afterwards.socket.write(Buffer.buffer("listening"));
        await().atMost(Duration.ofSeconds(10)).until(() -> afterwards.length() == 9);
    }

    @Test
    void closingClient_isCountedAndClosesUpstream() throws Exception {
        Received received = connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.openConnections() == 1);

        join(received.socket.close());

        await().atMost(Duration.ofSeconds(10)).until(() -> link.openConnections() == 0);
        assertThat(link.stats().accepted()).isEqualTo(1);
        assertThat(link.stats().closed()).isEqualTo(1);
        assertThat(link.stats().reset()).isZero();
    }

    private Received connect() throws Exception {
        return echo.connect(link);
    }
}
