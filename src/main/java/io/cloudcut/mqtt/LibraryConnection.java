package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * A device connection on one client stack, whichever: what the firmware calls, the counts, the
 * PUBACK time-out and giving up are alike on every stack ({@link ConnectionBookkeeping}), so each
 * stack says only how to connect, send a PUBLISH and a SUBSCRIBE, drop the connection and shut
 * down. Who reconnects differs: HiveMQ's own reconnect, by its rule; Paho's rule, followed by its
 * adapter; the model's policy, followed by the Vert.x adapter (its client has none). Every wait
 * between attempts is on the scenario clock ({@link ReconnectSchedule}).
 */
abstract class LibraryConnection implements DeviceConnection {

    private static final long NO_WAIT = -1;

    protected final ConnectionSettings settings;
    protected final ConnectionBookkeeping book;
    protected final ReconnectSchedule reconnects;
    private final Vertx vertx;
    /** The timer of the SUBACK wait under way, or {@link #NO_WAIT}; on the context. */
    private long subackWait = NO_WAIT;

    /** On the device's context, as the bookkeeping. */
    LibraryConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.vertx = vertx;
        this.settings = settings;
        this.book = new ConnectionBookkeeping(vertx, settings, listener);
        this.reconnects = new ReconnectSchedule(settings.clock());
    }

    /** Sends a QoS 1 PUBLISH; on the context, completes {@code acked} on a PUBACK that accepts it, fails it otherwise. */
    protected abstract void send(String topic, Buffer payload, boolean retain, Promise<Void> acked);

    /**
     * Subscribes to all of the settings' filters at QoS 1; on the context, a SUBACK that grants them
     * all calls {@link #subscribed}, one that refuses any calls {@link #subscriptionRefused}. No
     * SUBACK, no call: the connection went, and the library's loss listener reports it, or the wait ran out
     * ({@link #subscribeThenReport}).
     */
    protected abstract void subscribeAll();

    /** On the context: drops the connection, and the stack reconnects. */
    protected abstract void dropConnection();

    /** Disconnects for good; the bookkeeping and the reconnect schedule are closed already, so nothing reconnects. */
    protected abstract Future<Void> shutDown();

    @Override
    public final Future<Void> publish(String topic, Buffer payload) {
        return publish(topic, payload, false);
    }

    @Override
    public final Future<Void> publishRetained(String topic, Buffer payload) {
        return publish(topic, payload, true);
    }

    private Future<Void> publish(String topic, Buffer payload, boolean retain) {
        if (!book.isConnected()) {
            return book.notConnected();
        }
        Promise<Void> acked = book.expectAck(this::dropConnection);
        send(topic, payload, retain, acked);
        return acked.future();
    }

    @Override
    public final boolean isConnected() {
        return book.isConnected();
    }

    @Override
    public final ConnectionStats stats() {
        return book.stats();
    }

    @Override
    public final Future<Void> close() {
        book.close();
        reconnects.close();
        return shutDown();
    }

    /**
     * On the context after every connect: the session is gone (clean start), so subscribe again, and wait for the SUBACK
     * as long as for the CONNACK, the ack time-out. Past it, {@code abandon} is told why: the stack drops that connection,
     * unless it went meanwhile, and counts the attempt as failed, as for a missing CONNACK. No library sends a SUBSCRIBE
     * twice on one connection, so one lost on a bad link, or its SUBACK, left a Paho or HiveMQ device connected, deaf and
     * never trying again (through {@code loss}); the Vert.x adapter alone kept such a wait.
     */
    protected final void subscribeThenReport(Consumer<String> abandon) {
        endSubackWait();
        if (settings.subscriptions().isEmpty()) {
            book.connected(reconnects.attemptThatConnected());
            return;
        }
        long timeoutMillis = LibraryTimings.ackTimeoutMillis(settings);
        subackWait = vertx.setTimer(timeoutMillis, fired -> {
            if (subackWait == fired) {
                subackWait = NO_WAIT;
                if (!book.isClosed()) {
                    abandon.accept(ConnectTimeOuts.noSuback(timeoutMillis));
                }
            }
        });
        subscribeAll();
    }

    /** On the context: a SUBACK granted every filter, and the device is connected, unless its wait ran out first. */
    protected final void subscribed() {
        if (subackWait != NO_WAIT) {
            endSubackWait();
            book.connected(reconnects.attemptThatConnected());
        }
    }

    /** On the context: the broker refused a filter, so reconnect and subscribe again (unless the wait ran out first). */
    protected final void subscriptionRefused(String detail) {
        if (subackWait != NO_WAIT) {
            endSubackWait();
            book.subscriptionRefused(detail);
            dropConnection();
        }
    }

    private void endSubackWait() {
        if (subackWait != NO_WAIT) {
            vertx.cancelTimer(subackWait);
            subackWait = NO_WAIT;
        }
    }
}
