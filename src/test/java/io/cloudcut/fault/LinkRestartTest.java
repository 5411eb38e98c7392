package io.cloudcut.fault;

import io.cloudcut.fault.EchoServer.Received;
import io.cloudcut.testing.RunsAlone;
import io.netty.channel.Channel;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A link whose own code fails is restarted on the same port and the failure recorded, so that its
 * device reconnects instead of being blamed. Alone: one test lets another socket take the link's port.
 */
@RunsAlone
class LinkRestartTest extends LinkToEchoServer {

    @Test
    void aFaultThatThrows_cutsTheConnection_andTheLinkTakesTheNextOneOnTheSamePort() throws Exception {
        int port = link.port();
        link.add(new ThrowsOnMark());
        Received first = connect();
        first.socket.write(Buffer.buffer("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.text().equals("before"));
        assertThat(link.failure()).as("before anything failed").isEmpty();

        first.socket.write(Buffer.buffer("MARK"));

        await().atMost(Duration.ofSeconds(10)).until(first.closed::isDone);
        assertThat(link.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.link()).isEqualTo("echo");
            assertThat(failure.times()).isEqualTo(1);
            assertThat(failure.first()).contains("relaying upstream", "IllegalStateException", "marked packet");
        });
        assertThat(link.port()).isEqualTo(port);
        assertThat(link.stats().reset()).as("cut by the link's restart, not by a fault's reset").isZero();
        Received second = connect();
        second.socket.write(Buffer.buffer("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> second.text().equals("after"));
        assertThat(link.failure().orElseThrow().times()).isEqualTo(1);
    }

    @Test
    void aPortTakenWhileRefused_isAFailureOfTheLink_whichListensAgainOnceItIsFree() throws Exception {
        link.apply(LinkFaults.named("refuse"));
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(LinkListener.HOST, link.port()));

            link.restore();

            assertThat(link.failure()).hasValueSatisfying(failure -> {
                assertThat(failure.times()).isEqualTo(1);
                assertThat(failure.first()).contains("could not listen on its port " + link.port() + " again");
            });
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            Received back = connect();
            back.socket.write(Buffer.buffer("back"));
            await().atMost(Duration.ofSeconds(5)).until(() -> back.text().equals("back"));
            return true;
        });
        assertThat(link.failure().orElseThrow().times()).as("retries are the same failure").isEqualTo(1);
    }

    @Test
    void aListeningSocketClosedUnasked_isAFailureOfTheLink_whichListensAgainOnTheSamePort() throws Exception {
        int port = link.port();
        Received before = connect();
        before.socket.write(Buffer.buffer("before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> before.text().equals("before"));

        listeningChannel().close().syncUninterruptibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> link.failure().isPresent());
        assertThat(link.failure().orElseThrow().first()).isEqualTo("its listening socket closed");
        await().atMost(Duration.ofSeconds(10)).until(before.closed::isDone);
        Received after = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::connect, received -> true);
        after.socket.write(Buffer.buffer("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> after.text().equals("after"));
        assertThat(link.port()).isEqualTo(port);
    }

    /**
     * The link's listening channel, reached by reflection: nothing in the proxy closes it unasked, which
     * is the point, so the test does it as a failure of Netty or the OS would.
     */
    private Channel listeningChannel() throws ReflectiveOperationException {
        Field listenerField = Link.class.getDeclaredField("listener");
        listenerField.setAccessible(true);
        Object listener = listenerField.get(link);
        Field channelField = LinkListener.class.getDeclaredField("listener");
        channelField.setAccessible(true);
        return (Channel) channelField.get(listener);
    }

    private Received connect() throws Exception {
        return echo.connect(link);
    }

    /** Throws on the first bytes that carry a mark, as a bug in a fault would; lets everything else through. */
    private static final class ThrowsOnMark implements LinkFault {
        private final AtomicBoolean thrown = new AtomicBoolean();

        @Override
        public String name() {
            return "throws-on-mark";
        }

        @Override
        public Verdict onBytes(Direction direction, int length) {
            // Only the four bytes of the mark come alone upstream in this test.
            if (direction == Direction.UPSTREAM && length == 4 && thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("marked packet");
            }
            return Verdict.FORWARD;
        }
    }
}
