package io.cloudcut.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * A device connection on one client stack, whichever: what the firmware calls, the counts, the
 * PUBACK time-out and giving up are alike on every stack ({@link ConnectionBookkeeping}), so each
 * stack says only how to connect, send a PUBLISH and a SUBSCRIBE, drop the connection and shut
 * down. Who reconnects differs: HiveMQ's own reconnect, by its rule; Paho's rule, followed by its
 * adapter; the model's policy, followed by the Vert.x adapter (its client has none). Every wait
 * between attempts is on the scenario clock ({@link ReconnectSchedule}).
 */
abstract class LibraryConnection implements DeviceConnection {

    protected final ConnectionSettings settings;
    protected final ConnectionBookkeeping book;
    protected final ReconnectSchedule reconnects;

    /** On the device's context, as the bookkeeping. */
    LibraryConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.settings = settings;
        this.book = new ConnectionBookkeeping(vertx, settings, listener);
        this.reconnects = new ReconnectSchedule(settings.clock());
    }

    /** Sends a QoS 1 PUBLISH; on the context, completes {@code acked} on a PUBACK that accepts it, fails it otherwise. */
    protected abstract void send(String topic, Buffer payload, boolean retain, Promise<Void> acked);

    /**
     * Subscribes to all of the settings' filters at QoS 1; on the context, a SUBACK that grants them
     * all reports {@code book.connected(...)}, one that refuses any calls {@link #subscriptionRefused}. No
     * SUBACK, no call: the connection went, and the library's loss listener reports it.
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

    /** On the context after every connect: the session is gone (clean start), so subscribe again. */
    protected final void subscribeThenReport() {
        if (settings.subscriptions().isEmpty()) {
            book.connected(reconnects.attemptThatConnected());
            return;
        }
        subscribeAll();
    }

    /** On the context: the broker refused a filter, so reconnect and subscribe again. */
    protected final void subscriptionRefused(String detail) {
        book.subscriptionRefused(detail);
        dropConnection();
    }
}
