package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A device connection on the Eclipse Paho client, either MQTT version: Paho's two clients are
 * parallel but share no types, so each version makes the calls on its client and hands its
 * callbacks here, and this class does the rest. Paho calls back on its own threads (several per
 * client); every outcome hops to the device context.
 * <p>
 * Paho's automatic reconnect (both versions, 1.2.5) starts at a fixed 1 s held in a static field,
 * so shared by every client in the JVM, doubles it after each failure and caps it at the maximum
 * delay (in ms): the model's initial delay, multiplier and jitter cannot be expressed, and the v5
 * {@code setAutomaticReconnectDelay(min, max)} is never read by the client. It only reconnects a
 * connection that was once established, tells the application nothing about failed attempts, and
 * never gives up. The connect timeout is whole seconds (rounded up).
 */
abstract class PahoConnection extends LibraryConnection {

    /** Reason codes from 0x80 on are failures, as are such granted QoS in a 3.1.1 SUBACK. */
    private static final int FIRST_FAILURE_CODE = 0x80;

    private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);

    private final Vertx vertx;

    /** What came of a Paho action, as its listener hears it, on a Paho thread. */
    interface Outcome {
        /** The broker answered with these reason codes (in a 3.1.1 SUBACK: granted QoS); null or empty if none. */
        void answered(int[] codes);

        void failed(Throwable cause);
    }

    /** Paho's own connect, started with an {@link Attempt} that decides what its listener passes on. */
    interface GuardedConnect<T, E extends Exception> {
        T start(Attempt attempt) throws E;
    }

    /** A Paho call that may wait on Paho's own threads. */
    private interface BlockingCall {
        void run() throws Exception;
    }

    PahoConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        this.vertx = vertx;
    }

    /** Sends CONNECT with this version's options. */
    protected abstract void pahoConnect(Outcome outcome) throws Exception;

    /** Paho's {@code reconnect()}: tries at once, then backs off by itself. */
    protected abstract void pahoReconnect() throws Exception;

    protected abstract void pahoPublishQos1(String topic, byte[] payload, Outcome outcome) throws Exception;

    protected abstract void pahoSubscribe(String[] filters, int[] qos, Outcome outcome) throws Exception;

    /** Paho's {@code disconnectForcibly} without quiesce time. */
    protected abstract void pahoDisconnectForcibly(long disconnectTimeoutMillis, boolean sendDisconnect)
            throws Exception;

    protected abstract void pahoClose() throws Exception;

    static String brokerUri(ConnectionSettings settings) {
        return "tcp://" + settings.host() + ":" + settings.port();
    }

    /** Makes the version's client: Paho refuses a malformed server URI or client id there, a settings error. */
    protected final <C> C newClient(Callable<C> create) {
        try {
            return create.call();
        } catch (Exception e) {
            throw new IllegalArgumentException("Paho client for " + settings.clientId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void open() {
        try {
            pahoConnect(onContext(connected -> { /* connectComplete subscribes and reports */ },
                    failed -> reconnectLater()));
        } catch (Exception notStarted) {
            reconnectLater();
        }
    }

    @Override
    protected void send(String topic, byte[] payload, Promise<Void> acked) {
        try {
            pahoPublishQos1(topic, payload, onContext(codes -> {
                if (accepted(codes)) {
                    acked.tryComplete();
                } else {
                    acked.tryFail("PUBACK refused: " + Arrays.toString(codes));
                }
            }, acked::tryFail));
        } catch (Exception e) {
            acked.tryFail(e);
        }
    }

    @Override
    protected void subscribeAll() {
        String[] filters = settings.subscriptions().toArray(String[]::new);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        try {
            pahoSubscribe(filters, qos, onContext(codes -> {
                if (accepted(codes)) {
                    book.connected();
                } else {
                    subscriptionRefused(Arrays.toString(codes));
                }
            }, noSubAck -> { /* the connection went: connectionLost reports it */ }));
        } catch (Exception connectionGone) {
            // connectionLost reports it.
        }
    }

    /** A user disconnect does not start Paho's reconnect: the adapter hands over to it afterwards. */
    @Override
    protected void dropConnection() {
        offEventLoop("drop", () -> pahoDisconnectForcibly(0, false)).onComplete(dropped -> reconnectLater());
    }

    @Override
    protected Future<Void> shutDown() {
        return offEventLoop("close", () -> {
            try {
                pahoDisconnectForcibly(LibraryTimings.ackTimeoutMillis(settings), true);
            } finally {
                pahoClose();
            }
        });
    }

    /** From the client's callback, on a Paho thread: connected, by the first connect or Paho's reconnect. */
    protected final void connectComplete() {
        book.onContext(this::subscribeThenReport);
    }

    /** From the client's callback, on a Paho thread. */
    protected final void connectionLost(Throwable cause) {
        String described = cause == null ? "connection lost" : String.valueOf(cause.getMessage());
        book.onContext(() -> book.lost(described));
    }

    /**
     * Every attempt, Paho's reconnects included, goes through the client's connect method, which
     * starts it here: each gets its {@link ConnectDeadline}, and its failures are counted, since
     * Paho tells the application nothing about failed reconnects: that is how the model's
     * giveUpAfter is kept.
     */
    protected final <T, E extends Exception> T attempt(GuardedConnect<T, E> connect) throws E {
        Attempt attempt = new Attempt();
        try {
            return connect.start(attempt);
        } catch (Exception notStarted) {
            attempt.deadline.metInTime();
            throw notStarted;
        }
    }

    /** One connect attempt: which of its outcomes Paho's listener for it may hear. */
    protected final class Attempt {

        private final ConnectDeadline deadline = new ConnectDeadline(vertx, settings, PahoConnection.this::abandonAttempt);

        /** A success past the deadline is not passed on: its connection is being dropped. */
        void succeeded(Runnable passOn) {
            if (deadline.metInTime()) {
                passOn.run();
            }
        }

        /** Giving up withholds the failure from Paho's reconnect listener, which then schedules no further attempt. */
        void failed(Runnable passOn) {
            if (!deadline.metInTime()) {
                return;
            }
            if (book.attemptFailed()) {
                book.onContext(PahoConnection.this::giveUp);
            } else {
                passOn.run();
            }
        }
    }

    /** An attempt past its {@link ConnectDeadline}: counted as failed, then dropped and started again, or given up. */
    private void abandonAttempt() {
        if (book.attemptFailed()) {
            book.onContext(this::giveUp);
        } else {
            dropConnection();
        }
    }

    private void giveUp() {
        book.gaveUp();
        book.close();
        shutDown();
    }

    /**
     * Once a connection was dropped or never made, the library's reconnect cycle takes over, after
     * the model's initial delay (Paho's {@code reconnect()} tries at once, then backs off by itself).
     */
    private void reconnectLater() {
        vertx.setTimer(LibraryTimings.initialReconnectMillis(settings), fired -> {
            if (!book.isClosed()) {
                try {
                    pahoReconnect();
                } catch (Exception alreadyUnderWay) {
                    LOG.debug("{}: reconnect not started: {}", settings.clientId(), alreadyUnderWay.toString());
                }
            }
        });
    }

    /** Runs a call that may block (disconnectForcibly, close) on a worker, never on the event loop; failures are logged. */
    private Future<Void> offEventLoop(String what, BlockingCall call) {
        return vertx.executeBlocking(() -> {
            try {
                call.run();
            } catch (Exception e) {
                LOG.debug("{}: {} failed: {}", settings.clientId(), what, e.toString());
            }
            return null;
        });
    }

    private static boolean accepted(int[] codes) {
        return codes == null || Arrays.stream(codes).noneMatch(code -> code >= FIRST_FAILURE_CODE);
    }

    /** An outcome whose parts run on the device context. */
    private Outcome onContext(Consumer<int[]> answered, Consumer<Throwable> failed) {
        return new Outcome() {
            @Override
            public void answered(int[] codes) {
                book.onContext(() -> answered.accept(codes));
            }

            @Override
            public void failed(Throwable cause) {
                book.onContext(() -> failed.accept(cause));
            }
        };
    }
}
