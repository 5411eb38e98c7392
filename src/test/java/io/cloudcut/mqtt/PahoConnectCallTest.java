package io.cloudcut.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudcut.scenario.Jitter;
import io.cloudcut.scenario.MqttSessionPolicy;
import io.cloudcut.scenario.ReconnectPolicy;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Paho's connect starts the attempt's thread before it returns, which took seconds once thousands of Paho threads were
 * left waiting: it is called on a worker, never on the device's event loop, and what came of it is told on the device's
 * context; and a call of Paho's that never returns does not hold the device's stop. The Paho client itself is left out:
 * only where and how the adapter calls it is under test. Its tests wait out {@link PahoConnection#CLOSE_LIMIT} side by
 * side, each with its own Vert.x and clock.
 */
@Execution(ExecutionMode.CONCURRENT)
class PahoConnectCallTest {

    private final Vertx vertx = Vertx.vertx();
    private final ScenarioClock clock = ScenarioClock.running(1);

    @AfterEach
    void close() throws Exception {
        clock.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void connectIsCalledOffTheEventLoop_andItsFailureToldOnTheDevicesContext() throws Exception {
        Context device = vertx.getOrCreateContext();
        Queue<Boolean> calledOnAnEventLoop = new ConcurrentLinkedQueue<>();
        Queue<Boolean> failureToldOnTheContext = new ConcurrentLinkedQueue<>();
        ConnectionListener listener = listener(() -> failureToldOnTheContext.add(Vertx.currentContext() == device));
        device.runOnContext(start -> new UnreachablePaho(vertx, settings(), listener, calledOnAnEventLoop).open());

        await().atMost(Duration.ofSeconds(30)).until(() -> !failureToldOnTheContext.isEmpty());
        assertThat(calledOnAnEventLoop).containsExactly(false);
        assertThat(failureToldOnTheContext).containsExactly(true);
    }

    /**
     * A call of Paho's that never returns (a drop racing a late CONNACK once did) does not hold the device's stop: its
     * close gives up on the client after {@link PahoConnection#CLOSE_LIMIT}, and the call is left waiting.
     */
    @Test
    void aCloseWaitingForEverInPaho_letsTheDeviceStopAfterTheLimit() throws Exception {
        Context device = vertx.getOrCreateContext();
        CountDownLatch pahoAnswers = new CountDownLatch(1);
        AtomicReference<PahoConnection> connection = new AtomicReference<>();
        AtomicReference<Boolean> closed = new AtomicReference<>();
        device.runOnContext(start -> {
            connection.set(new UnreachablePaho(vertx, settings(), listener(() -> { }), new ConcurrentLinkedQueue<>()) {
                @Override
                protected void pahoDisconnect(long timeoutMillis) throws InterruptedException {
                    pahoAnswers.await();
                }
            });
            connection.get().close().onComplete(done -> closed.set(done.succeeded()));
        });
        try {
            await().atMost(PahoConnection.CLOSE_LIMIT.plusSeconds(30)).until(() -> closed.get() != null);
            assertThat(closed.get()).as("the device's close succeeded").isTrue();
            assertThat(pahoAnswers.getCount()).as("Paho's call still waiting").isOne();
        } finally {
            pahoAnswers.countDown();
        }
    }

    /**
     * As above, in a device's verticle, with its close waiting behind a call of Paho's that never returns (a drop did so
     * at 1,000 devices; here the connect): its undeploy is not held either.
     */
    @Test
    void aCloseBehindACallWaitingForEverInPaho_letsTheDevicesVerticleUndeploy() throws Exception {
        CountDownLatch pahoAnswers = new CountDownLatch(1);
        VerticleBase device = new VerticleBase() {
            private PahoConnection connection;

            @Override
            public Future<?> start() {
                connection = new UnreachablePaho(vertx, settings(), listener(() -> { }), new ConcurrentLinkedQueue<>()) {
                    @Override
                    protected void pahoConnect(Outcome outcome) throws InterruptedException {
                        pahoAnswers.await();
                    }
                };
                connection.open();
                return Future.succeededFuture();
            }

            @Override
            public Future<?> stop() {
                return connection.close();
            }
        };
        String deployment = vertx.deployVerticle(device).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            Future<Void> undeployed = vertx.undeploy(deployment);
            await().atMost(PahoConnection.CLOSE_LIMIT.plusSeconds(30)).until(undeployed::isComplete);
            assertThat(undeployed.succeeded()).as("undeployed: %s", undeployed.cause()).isTrue();
            assertThat(pahoAnswers.getCount()).as("Paho's call still waiting").isOne();
        } finally {
            pahoAnswers.countDown();
        }
    }

    private ConnectionSettings settings() {
        return new ConnectionSettings("device-1", "127.0.0.1", 1, Duration.ofSeconds(10),
                Duration.ofSeconds(1), new MqttSessionPolicy(true, Duration.ZERO), List.of("cloudcut/dev/commands/device-1"),
                new ReconnectPolicy(Duration.ofMinutes(10), 2.0, Duration.ofMinutes(10), Jitter.NONE, 0), clock);
    }

    private static ConnectionListener listener(Runnable attemptFailed) {
        return new ConnectionListener() {
            @Override
            public void connected(ConnectAttempt attempt) {
            }

            @Override
            public void connectionLost(String cause) {
            }

            @Override
            public void attemptFailed(String cause) {
                attemptFailed.run();
            }

            @Override
            public void gaveUp(int attempts) {
            }

            @Override
            public void message(String topic, Buffer payload) {
            }
        };
    }

    /** Paho's calls as a client whose every connect fails at once; records where connect was called. */
    private static class UnreachablePaho extends PahoConnection {
        private final Queue<Boolean> calledOnAnEventLoop;

        UnreachablePaho(Vertx vertx, ConnectionSettings settings, ConnectionListener listener, Queue<Boolean> calledOnAnEventLoop) {
            super(vertx, settings, listener);
            this.calledOnAnEventLoop = calledOnAnEventLoop;
        }

        @Override
        protected void pahoConnect(Outcome outcome) throws InterruptedException {
            calledOnAnEventLoop.add(Context.isOnEventLoopThread());
            outcome.failed(new IOException("Connection reset"));
        }

        @Override
        protected void pahoPublishQos1(String topic, byte[] payload, boolean retain, Outcome outcome) {
        }

        @Override
        protected void pahoSubscribe(String[] filters, int[] qos, Outcome outcome) {
        }

        @Override
        protected void pahoDisconnect(long timeoutMillis) throws InterruptedException {
        }

        @Override
        protected void pahoDrop() {
        }

        @Override
        protected void pahoClose() {
        }
    }
}
