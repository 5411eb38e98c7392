package io.cloudcut.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every stack's adapter keeps alike: the device's context (every listener call and every
 * publish outcome happens there), the counts, the QoS 1 publishes awaiting their PUBACK, and the
 * failed attempts that lead to giving up.
 * <p>
 * State changes only on the device context, except the failed-attempt count: HiveMQ's reconnect
 * asks on its own thread whether to go on, and needs the answer there and then.
 */
final class ConnectionBookkeeping {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBookkeeping.class);

    private final Vertx vertx;
    private final Context context;
    private final ConnectionSettings settings;
    private final ConnectionListener listener;
    private final Set<Promise<Void>> awaitingAck = new HashSet<>();
    private final AtomicInteger failedInARow = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    // Volatile: tests and monitoring read them from other threads; only the context writes them.
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean gaveUp;
    private volatile int connects;
    private volatile int losses;
    /**
     * On the context: what arrived on an attempt before it was connected and subscribed. A broker hands over a persistent
     * session's queue right after its CONNACK, before the SUBACK; a device that acted on a command then could not answer
     * it (its publishes wait for the connection), and the command's answer was lost. It hears of them once connected.
     */
    private final List<Arrived> arrivedBeforeConnected = new ArrayList<>();

    /** Must be created on the device's context: that is where the listener gets called. */
    ConnectionBookkeeping(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs {@code action} on the device context unless the connection was closed meanwhile. Safe to
     * call from a library thread: nothing thrown by the action reaches the library.
     */
    void onContext(Runnable action) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: callback failed", settings.clientId(), e);
            }
        });
    }

    boolean isConnected() {
        return connected;
    }

    boolean isClosed() {
        return closed;
    }

    ConnectionStats stats() {
        return new ConnectionStats(connects, failedAttempts.get(), losses, gaveUp);
    }

    /** On the context, once connected and subscribed by {@code attempt}. */
    void connected(ConnectAttempt attempt) {
        connected = true;
        connects++;
        failedInARow.set(0);
        listener.connected(attempt);
        handOverArrived();
    }

    /** On the context; reports the loss once per established connection however many ways it is noticed. */
    void lost(String cause) {
        if (!connected) {
            return;
        }
        connected = false;
        losses++;
        failAwaitingAcks("connection lost: " + cause);
        listener.connectionLost(cause);
    }

    /**
     * Counts a failed connect attempt; on any thread. Returns whether the model gives up now, in
     * which case the caller stops the library's reconnect and then calls {@link #gaveUp()}.
     */
    boolean attemptFailed() {
        failedAttempts.incrementAndGet();
        return settings.reconnect().givesUpAfter(failedInARow.incrementAndGet());
    }

    /** From any thread: tells the listener, on the context, why an attempt failed. */
    void refused(String cause) {
        onContext(() -> {
            listener.attemptFailed(cause);
            handOverArrived();
        });
    }

    /** On the context, after the library's reconnect was stopped. */
    void gaveUp() {
        gaveUp = true;
        listener.gaveUp(failedInARow.get());
    }

    /**
     * A QoS 1 publish's outcome, to be completed on the context when its PUBACK arrives. It fails
     * when the connection is lost first, or when no PUBACK comes within the ack timeout: firmware
     * that keeps publishing never goes idle, so the library never pings and would not notice a
     * silent link; then the connection counts as lost and {@code dropConnection} makes the library
     * drop it and reconnect.
     */
    Promise<Void> expectAck(Runnable dropConnection) {
        Promise<Void> acked = Promise.promise();
        awaitingAck.add(acked);
        long timeoutMillis = LibraryTimings.ackTimeoutMillis(settings);
        long timer = vertx.setTimer(timeoutMillis, fired -> {
            String cause = "no PUBACK within " + timeoutMillis + " ms";
            if (acked.tryFail(cause) && connected) {
                lost(cause);
                dropConnection.run();
            }
        });
        acked.future().onComplete(done -> {
            vertx.cancelTimer(timer);
            awaitingAck.remove(acked);
        });
        return acked;
    }

    /** Failed attempts since the last connect; on the context. */
    int failedInARow() {
        return failedInARow.get();
    }

    /** On the context: hands an arrived message to the listener, unless closed; once connected ({@link #arrivedBeforeConnected}). */
    void deliver(String topic, Buffer payload) {
        if (closed) {
            return;
        }
        if (connected) {
            listener.message(topic, payload);
        } else {
            arrivedBeforeConnected.add(new Arrived(topic, payload));
        }
    }

    /** From any thread: hands an arrived message to the listener on the context. */
    void messageArrived(String topic, byte[] payload) {
        onContext(() -> deliver(topic, Buffer.buffer(payload)));
    }

    /** On the context, once connected or once the attempt failed: what arrived on it before, in order. */
    private void handOverArrived() {
        List<Arrived> arrived = List.copyOf(arrivedBeforeConnected);
        arrivedBeforeConnected.clear();
        arrived.forEach(message -> listener.message(message.topic(), message.payload()));
    }

    private record Arrived(String topic, Buffer payload) {
    }

    /**
     * On the context: a SUBACK refused a filter. The caller drops the connection so the library
     * reconnects and subscribes again (a broker that always refuses makes a reconnect loop: logged).
     */
    void subscriptionRefused(String detail) {
        LOG.warn("{}: subscription refused ({}); dropping the connection to retry", settings.clientId(), detail);
    }

    Future<Void> notConnected() {
        return Future.failedFuture("not connected");
    }

    /** On the context: no listener call and no reconnect from now on. */
    void close() {
        closed = true;
        connected = false;
        failAwaitingAcks("closed");
    }

    private void failAwaitingAcks(String cause) {
        // A copy: each failed promise removes itself from the set.
        List.copyOf(awaitingAck).forEach(promise -> promise.tryFail(cause));
    }
}
