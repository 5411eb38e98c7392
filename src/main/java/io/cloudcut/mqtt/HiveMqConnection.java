package io.cloudcut.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A device connection on the HiveMQ MQTT client, either MQTT version: the two client APIs share no
 * types, so each version says how to connect, subscribe, publish and disconnect, and this class
 * brings their futures back to the device context. Reconnect is the library's (see {@link HiveMqLifecycle}).
 */
abstract class HiveMqConnection extends LibraryConnection {

    private final Context context;

    HiveMqConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        this.context = vertx.getOrCreateContext();
    }

    /** Sends CONNECT; the lifecycle listeners report what follows. */
    protected abstract void connect();

    /**
     * Subscribes to all of the settings' filters; completes with the refused ones' reason codes, empty if none.
     * Fails when no SUBACK came: the connection went.
     */
    protected abstract CompletableFuture<List<String>> subscribeAtLeastOnce();

    /** Publishes at QoS 1; completes on a PUBACK that accepts it. */
    protected abstract CompletableFuture<Void> publishAtLeastOnce(String topic, byte[] payload, boolean retain);

    protected abstract CompletableFuture<Void> disconnect();

    /** Whether the library holds a connection now (not reconnecting). */
    protected abstract boolean connectedToBroker();

    /** On the context after every connect ({@link HiveMqLifecycle}). */
    protected final void subscribeAfterConnect() {
        subscribeThenReport(this::abandonSubscribe);
    }

    /**
     * On the context: no SUBACK in time. Unless the connection went meanwhile (the library reconnects then), the attempt
     * counts as failed, and the connection is dropped: the lifecycle reconnects after the initial delay, as for a
     * silent connection, or the device gives up.
     */
    private void abandonSubscribe(String cause) {
        if (!connectedToBroker()) {
            return;
        }
        book.refused(cause);
        if (book.attemptFailed()) {
            book.gaveUp();
            close();
            return;
        }
        disconnect();
    }

    /**
     * The SUBACK of a subscribe the library failed because the SUBACK refused a filter (it fails the
     * subscribe then, rather than completing it with the codes); any other failure stands.
     */
    static <E extends Throwable, S> S subAckOf(Throwable failure, Class<E> refusal, Function<E, S> subAck) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (refusal.isInstance(cause)) {
            return subAck.apply(refusal.cast(cause));
        }
        throw new CompletionException(cause);
    }

    @Override
    public void open() {
        reconnects.attemptStarting();
        connect();
    }

    @Override
    protected void send(String topic, Buffer payload, boolean retain, Promise<Void> acked) {
        publishAtLeastOnce(topic, payload.getBytes(), retain).whenComplete((ignored, error) -> book.onContext(() -> {
            if (error == null) {
                acked.tryComplete();
            } else {
                acked.tryFail(error);
            }
        }));
    }

    @Override
    protected void subscribeAll() {
        subscribeAtLeastOnce().whenComplete((refused, error) -> book.onContext(() -> {
            if (error != null) {
                // No SUBACK means the connection went: the disconnected listener reports it.
                return;
            }
            if (refused.isEmpty()) {
                subscribed();
            } else {
                subscriptionRefused(refused.toString());
            }
        }));
    }

    /** A user disconnect: {@link HiveMqLifecycle} starts the reconnect again unless the connection is closed. */
    @Override
    protected void dropConnection() {
        disconnect();
    }

    @Override
    protected Future<Void> shutDown() {
        return Future.fromCompletionStage(disconnect(), context).recover(notConnected -> Future.succeededFuture());
    }
}
