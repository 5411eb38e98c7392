package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A device connection on the Eclipse Paho client, either MQTT version: Paho's two clients are
 * parallel but share no types, so each version makes the calls on its client and hands its
 * callbacks here, and this class does the rest. Paho calls back on its own threads (several per
 * client); every outcome hops to the device context, where this class keeps its state.
 * <p>
 * Paho's automatic reconnect (both versions, 1.2.5) waits on its own timer thread, in real time, so
 * it cannot follow the scenario clock: it is off, and this adapter reconnects by Paho's own rule,
 * each wait a deadline on the scenario clock. The first retry comes {@link #FIRST_RETRY 1 s} after a
 * loss; after each failed attempt the delay doubles if it is still below the maximum (the model's
 * maxDelay), so that, as in Paho, the last doubling may pass the maximum, up to twice it; a connect
 * brings it back to 1 s. The model's initial delay, multiplier and jitter do not apply (and the v5
 * {@code setAutomaticReconnectDelay(min, max)} is never read by Paho). Paho keeps the delay in a
 * static field, shared by every client of a JVM; here each device keeps its own, as each real
 * device runs its own Paho. Paho retries only a connection once established; a failed first
 * connect, which firmware would retry itself, is retried by the same rule. Each attempt is a call
 * to the client's connect with its own {@link ConnectDeadline}, and failed ones count towards the
 * model's giveUpAfter. The connect timeout is whole seconds (rounded up).
 */
abstract class PahoConnection extends LibraryConnection {

    /** Paho's first reconnect delay, fixed in the library. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** Reason codes from 0x80 on are failures, as are such granted QoS in a 3.1.1 SUBACK. */
    private static final int FIRST_FAILURE_CODE = 0x80;

    private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);

    /** How long a device's stop waits for its client to close: closing takes an acknowledgement's time-out at most. */
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    /** The wait before the next attempt, by Paho's rule; on the context. */
    private Duration retryDelay = FIRST_RETRY;
    /**
     * Whether Paho holds an established connection, subscribed or not yet; on the context. Its loss
     * is a loss to retry from the first delay; an attempt that never got this far is a failed attempt.
     */
    private boolean established;

    /** What came of a Paho action, as its listener hears it, on a Paho thread. */
    interface Outcome {
        /** The broker answered with these reason codes (in a 3.1.1 SUBACK: granted QoS); null or empty if none. */
        void answered(int[] codes);

        void failed(Throwable cause);
    }

    /** A Paho call that may wait on Paho's own threads. */
    private interface BlockingCall {
        void run() throws Exception;
    }

    PahoConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        this.vertx = vertx;
    }

    /** Sends CONNECT with this version's options; the outcome comes on a CONNACK that accepts it, or on failure. */
    protected abstract void pahoConnect(Outcome outcome) throws Exception;

    protected abstract void pahoPublishQos1(String topic, byte[] payload, boolean retain, Outcome outcome) throws Exception;

    protected abstract void pahoSubscribe(String[] filters, int[] qos, Outcome outcome) throws Exception;

    /**
     * Sends DISCONNECT and shuts the connection once it is written, waiting at most {@code timeoutMillis}: a
     * clean end, no Will. Not {@code disconnectForcibly(.., true)}, which waits its whole time-out for a
     * DISCONNECT no one answers (a second a client, on a worker: 1,000 Paho clients took 50 s to close).
     */
    protected abstract void pahoDisconnect(long timeoutMillis) throws Exception;

    /** Drops the connection without a word to the broker ({@code disconnectForcibly}, no quiesce, no DISCONNECT). */
    protected abstract void pahoDrop() throws Exception;

    protected abstract void pahoClose() throws Exception;

    static String brokerUri(ConnectionSettings settings) {
        return (settings.tls() == null ? "tcp://" : "ssl://") + settings.host() + ":" + settings.port();
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
        connectAttempt();
    }

    @Override
    protected void send(String topic, Buffer payload, boolean retain, Promise<Void> acked) {
        try {
            pahoPublishQos1(topic, payload.getBytes(), retain, onContext(codes -> {
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
                    subscribed();
                } else {
                    subscriptionRefused(Arrays.toString(codes));
                }
            }, noSubAck -> { /* the connection went: connectionLost reports it */ }));
        } catch (Exception connectionGone) {
            // connectionLost reports it.
        }
    }

    /** On the context. Paho reports no loss for a disconnect of its user's, so the retry is started here. */
    @Override
    protected void dropConnection() {
        if (!established) {
            // Lost meanwhile, and that loss started the retry.
            return;
        }
        established = false;
        drop(this::retryLater);
    }

    /**
     * Closes the client, or gives up on it after {@link #CLOSE_LIMIT}: a drop of Paho's can wait for ever in its
     * receiver's stop (a 1,000-device run under {@code reset} once waited so; read from Paho's code, not traced: a receiver
     * told to stop before it ran runs on once a late CONNACK makes the client connected), and this device's calls wait
     * behind it. The device then stops without it, and says so; the client and its connection are left to the process's
     * end.
     */
    @Override
    protected Future<Void> shutDown() {
        return offEventLoop("close", () -> {
            try {
                pahoDisconnect(LibraryTimings.ackTimeoutMillis(settings));
            } catch (Exception notConnected) {
                // Connecting, already gone, or the DISCONNECT not written in time: closing needs it dropped.
                pahoDrop();
            } finally {
                pahoClose();
            }
        }).timeout(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS).recover(waitingInPaho -> {
            LOG.warn("{}: Paho's client did not close within {} s, waiting in a call of Paho's: the device stops without it",
                    settings.clientId(), CLOSE_LIMIT.toSeconds());
            return Future.succeededFuture();
        });
    }

    /**
     * From the client's callback, on a Paho thread: a connection was lost, which Paho reports only once established.
     * Paho's own words ({@code Connection lost}) name what it saw underneath, when it says: the broker closing
     * the socket ({@code EOFException}) reads otherwise than a reset.
     */
    protected final void connectionLost(Throwable cause) {
        connectionLost(describeLoss(cause));
    }

    static String describeLoss(Throwable cause) {
        if (cause == null) {
            return "connection lost";
        }
        Throwable underneath = cause.getCause();
        String said = String.valueOf(cause.getMessage());
        return underneath == null || underneath == cause ? said
                : said + " (" + underneath.getClass().getSimpleName()
                        + (underneath.getMessage() == null ? "" : ": " + underneath.getMessage()) + ")";
    }

    /** As {@link #connectionLost(Throwable)}, for a loss the library reported with no exception, {@code described}. */
    protected final void connectionLost(String described) {
        book.onContext(() -> {
            if (established) {
                established = false;
                book.lost(described);
                retryLater();
            }
        });
    }

    /**
     * On the context: one attempt, whose outcome comes back on the context unless it missed its deadline. Paho's connect
     * starts the attempt's thread before it returns, so it is called on a worker, in order with this device's drops and
     * closes: at 1,000 Paho devices, with thousands of threads Paho had left waiting ({@link PahoThreads}), a thread's
     * start took up to 7 s, and the event loops that called it stalled that long.
     */
    private void connectAttempt() {
        reconnects.attemptStarting();
        ConnectDeadline deadline = new ConnectDeadline(vertx, settings, this::abandonAttempt);
        Outcome outcome = onContext(connack -> {
            if (deadline.metInTime()) {
                connected();
            }
        }, failure -> {
            if (deadline.metInTime()) {
                book.refused(ConnectFailures.describe(failure, settings));
                attemptFailed();
            }
        });
        vertx.executeBlocking(() -> {
            try {
                pahoConnect(outcome);
            } catch (Exception notStarted) {
                LOG.debug("{}: connect not started: {}", settings.clientId(), notStarted.toString());
                outcome.failed(notStarted);
            }
            return null;
        });
    }

    /** On the context: CONNACK accepted; the session is new, so subscribe again. */
    private void connected() {
        established = true;
        retryDelay = FIRST_RETRY;
        subscribeThenReport(this::abandonSubscribe);
    }

    /** On the context: no SUBACK in time; unless the connection went meanwhile (that loss started the retry), abandoned. */
    private void abandonSubscribe(String cause) {
        if (established) {
            established = false;
            abandon(cause);
        }
    }

    /** On the context: an attempt past its {@link ConnectDeadline}, abandoned. */
    private void abandonAttempt() {
        abandon(ConnectTimeOuts.noConnack(LibraryTimings.ackTimeoutMillis(settings)));
    }

    /** On the context: the attempt went no further than it did in its time, for {@code cause}: dropped, then counted as failed. */
    private void abandon(String cause) {
        book.refused(cause);
        drop(this::attemptFailed);
    }

    /** On the context: counts a failed attempt, then gives up or retries after a delay doubled by Paho's rule. */
    private void attemptFailed() {
        if (book.attemptFailed()) {
            book.gaveUp();
            close();
            return;
        }
        if (retryDelay.compareTo(settings.reconnect().maxDelay()) < 0) {
            retryDelay = retryDelay.multipliedBy(2);
        }
        retryLater();
    }

    /** On the context: the next attempt, after {@link #retryDelay} of scenario time. */
    private void retryLater() {
        reconnects.after(retryDelay).thenRunAsync(this::connectAttempt, book::onContext);
    }

    /** Drops whatever Paho holds, connected or connecting, then runs {@code then} on the context unless closed. */
    private void drop(Runnable then) {
        offEventLoop("drop", this::pahoDrop).onComplete(dropped -> book.onContext(then));
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
