package io.cloudcut.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A device connection on the HiveMQ MQTT client, either MQTT version: the two client APIs share no
 * types, so each version says how to connect, subscribe, publish and disconnect, and this class does
 * the rest. Reconnect is the library's (see {@link HiveMqLifecycle}).
 */
abstract class HiveMqConnection implements DeviceConnection {

    protected final ConnectionSettings settings;
    protected final ConnectionBookkeeping book;
    private final Context context;

    HiveMqConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.settings = settings;
        this.book = new ConnectionBookkeeping(vertx, settings, listener);
        this.context = vertx.getOrCreateContext();
    }

    /** Sends CONNECT; the lifecycle listeners report what follows. */
    protected abstract void connect();

    /** Subscribes to all of the settings' filters; completes with the refused ones' reason codes, empty if none. */
    protected abstract CompletableFuture<List<String>> subscribeAll();

    /** Publishes at QoS 1; completes on a PUBACK that accepts it. */
    protected abstract CompletableFuture<Void> publishAtLeastOnce(String topic, byte[] payload);

    protected abstract CompletableFuture<Void> disconnect();

    @Override
    public void open() {
        connect();
    }

    @Override
    public Future<Void> publish(String topic, Buffer payload) {
        if (!book.isConnected()) {
            return book.notConnected();
        }
        Promise<Void> acked = book.expectAck(this::disconnect);
        publishAtLeastOnce(topic, payload.getBytes()).whenComplete((ignored, error) -> book.onContext(() -> {
            if (error == null) {
                acked.tryComplete();
            } else {
                acked.tryFail(error);
            }
        }));
        return acked.future();
    }

    @Override
    public boolean isConnected() {
        return book.isConnected();
    }

    @Override
    public ConnectionStats stats() {
        return book.stats();
    }

    @Override
    public Future<Void> close() {
        book.close();
        return Future.fromCompletionStage(disconnect(), context).recover(notConnected -> Future.succeededFuture());
    }

    /** On the context after every connect: the session is gone (clean start), so subscribe again. */
    protected void subscribeThenReport() {
        if (settings.subscriptions().isEmpty()) {
            book.connected();
            return;
        }
        subscribeAll().whenComplete((refused, error) -> book.onContext(() -> {
            if (error != null) {
                // No SUBACK means the connection went: the disconnected listener reports it.
                return;
            }
            if (refused.isEmpty()) {
                book.connected();
            } else {
                book.subscriptionRefused(refused.toString());
                disconnect();
            }
        }));
    }
}
