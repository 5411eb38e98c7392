package io.cloudcut.fault;

import io.cloudcut.fault.EchoServer.Received;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long the connection waiting longest for the server's first bytes (a broker's CONNACK) has waited, of those no
 * fault of its link met: what the pacer reads as this machine's connects queueing. The echo server answers only what
 * it is sent, so a client that has sent nothing waits.
 */
class ConnectsWaitingTest extends LinkToEchoServer {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aConnectionWaitsUntilTheServersFirstBytesCome() throws Exception {
        assertThat(proxy.longestUnfaultedConnectMillis()).as("no connection").isZero();
        Received waiting = echo.connect(link);

        await().atMost(WAIT).until(() -> proxy.longestUnfaultedConnectMillis() >= 200);
        waiting.socket.write(Buffer.buffer("answer me"));
        await().atMost(WAIT).until(() -> waiting.length() == 9);
        assertThat(proxy.longestUnfaultedConnectMillis()).as("answered").isZero();
    }

    /** A device whose connect ran out of time closes it unanswered: the next look hears of its wait, once. */
    @Test
    void aConnectionItsClientGaveUpOnUnansweredIsHeardOfOnce() throws Exception {
        Received givenUp = echo.connect(link);
        await().atMost(WAIT).until(() -> proxy.longestUnfaultedConnectMillis() >= 300);
        givenUp.socket.close();
        await().atMost(WAIT).until(() -> link.openConnections() == 0);

        assertThat(proxy.longestUnfaultedConnectMillis()).isGreaterThanOrEqualTo(300);
        assertThat(proxy.longestUnfaultedConnectMillis()).as("heard of once").isZero();
    }

    @Test
    void aConnectionAFaultMetIsNotTheMachines_evenOnceTheFaultIsGone() throws Exception {
        link.apply(LinkFaults.named("blackhole"));
        Received underTheFault = echo.connect(link);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> proxy.longestUnfaultedConnectMillis() == 0);

        link.restore();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> proxy.longestUnfaultedConnectMillis() == 0);
        assertThat(underTheFault.closed).as("still open, still unanswered").isNotDone();

        echo.connect(link);
        await().atMost(WAIT).until(() -> proxy.longestUnfaultedConnectMillis() >= 200);
    }

    /** The connects devices start where nothing is faulted are counted; one a fault met at its accept is not. */
    @Test
    void connectionsAcceptedWithNothingFaultedAreCounted() throws Exception {
        long before = proxy.unfaultedConnectsAccepted();
        echo.connect(link);
        echo.connect(link);
        await().atMost(WAIT).until(() -> proxy.unfaultedConnectsAccepted() == before + 2);

        link.apply(LinkFaults.named("blackhole"));
        echo.connect(link);
        await().atMost(WAIT).until(() -> link.stats().accepted() == before + 3);
        assertThat(proxy.unfaultedConnectsAccepted()).as("the blackholed one is not").isEqualTo(before + 2);
    }
}
