package io.cloudcut.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x MQTT client stack. The client has no reconnect of its own, so this adapter follows the
 * model's reconnect policy, each delay a deadline on the scenario clock. A fresh client per attempt: a
 * reused one keeps a NetClient per connect alive (see FINDINGS), and a stale one must not report on a
 * newer attempt (and its NetClient is not held by the device's context: {@link NetClientsLeftToTheirOwners}). The
 * client calls back on the device's context, where this adapter keeps its state.
 */
final class VertxMqttConnection extends LibraryConnection {

    /**
     * The largest packet MQTT can carry, as the other stacks read. The Vert.x client's own default
     * (8,092 bytes) fails on a larger packet and reads nothing more from that connection: one
     * oversized message would cut the device off from its commands until it reconnects. The firmware
     * rejects, and counts, whatever is over its own limit.
     */
    private static final int MAX_PACKET_BYTES = 268_435_455;

    private final Vertx vertx;
    /** What each attempt's client is made with: its NetClient is not held for the device's life. */
    private final Vertx clientsVertx;
    private final Random random;
    /** The current client's QoS 1 publishes by packet id until their PUBACK: each client numbers its packets afresh. */
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
    private final Set<Integer> acksBeforeRegistration = new HashSet<>();
    /** The current attempt's client, connected or not; null while waiting to reconnect. */
    private MqttClient client;
    private Duration previousDelay = Duration.ZERO;

    VertxMqttConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        super(vertx, settings, listener);
        this.vertx = vertx;
        this.clientsVertx = new NetClientsLeftToTheirOwners(vertx);
        this.random = new Random(settings.clientId().hashCode());
    }

    @Override
    public void open() {
        attempt();
    }

    @Override
    protected void send(String topic, Buffer payload, boolean retain, Promise<Void> acked) {
        client.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, retain).onComplete(sent -> {
            if (sent.failed()) {
                acked.tryFail(sent.cause());
            } else if (acksBeforeRegistration.remove(sent.result())) {
                acked.tryComplete();
            } else {
                awaitingAck.put(sent.result(), acked);
            }
        });
    }

    @Override
    protected void subscribeAll() {
        MqttClient attempt = client;
        Map<String, Integer> filters = new LinkedHashMap<>();
        settings.subscriptions().forEach(filter -> filters.put(filter, 1));
        attempt.subscribeCompletionHandler(suback -> {
            if (client != attempt) {
                return;
            }
            if (suback.grantedQoSLevels().contains(MqttQoS.FAILURE.value())) {
                subscriptionRefused("granted " + suback.grantedQoSLevels());
            } else {
                subscribed();
            }
        });
        attempt.subscribe(filters).onFailure(cause -> abandon(attempt, "subscribe failed: " + cause.getMessage()));
    }

    /** The client has no reconnect: the model's policy brings the next attempt. */
    @Override
    protected void dropConnection() {
        MqttClient dropped = client;
        if (dropped != null) {
            letGo();
            dropped.disconnect();
            scheduleReconnect();
        }
    }

    /**
     * Sends DISCONNECT and closes, waiting no longer than an acknowledgement: the client's disconnect future can stay
     * pending (Vert.x MQTT 5.0.7 hands a client that is still connecting, or closing already, the future of a close to
     * come), and a device's stop once waited 30 s on it in a test, while its attempts were being refused.
     */
    @Override
    protected Future<Void> shutDown() {
        MqttClient current = client;
        letGo();
        return current == null ? Future.succeededFuture() : current.disconnect()
                .timeout(LibraryTimings.ackTimeoutMillis(settings), TimeUnit.MILLISECONDS)
                .recover(ignored -> Future.succeededFuture());
    }

    private void attempt() {
        if (book.isClosed()) {
            return;
        }
        reconnects.attemptStarting();
        MqttClient attempt = MqttClient.create(clientsVertx, options());
        client = attempt;
        attempt.publishHandler(message -> {
            if (client == attempt) {
                book.deliver(message.topicName(), message.payload());
            }
        });
        attempt.publishCompletionHandler(packetId -> {
            if (client == attempt) {
                acknowledged(packetId);
            }
        });
        attempt.publishCompletionExpirationHandler(packetId -> {
            if (client == attempt) {
                failAck(packetId, "PUBACK timed out");
            }
        });
        attempt.closeHandler(ignored -> closedBy(attempt, "connection closed"));
        ConnectDeadline deadline = new ConnectDeadline(vertx, settings,
                () -> abandon(attempt, ConnectTimeOuts.noConnack(LibraryTimings.ackTimeoutMillis(settings))));
        attempt.connect(settings.port(), settings.host()).onComplete(connack -> {
            if (!deadline.metInTime() || client != attempt) {
                return;
            }
            if (connack.failed()) {
                failed(attempt, ConnectFailures.describe(connack.cause(), settings));
                return;
            }
            previousDelay = Duration.ZERO;
            subscribeThenReport(cause -> abandon(attempt, cause));
        });
    }

    private MqttClientOptions options() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setCleanSession(settings.session().cleanStart())
                .setKeepAliveInterval(LibraryTimings.keepAliveSeconds(settings))
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(100)
                .setMaxMessageSize(MAX_PACKET_BYTES);
        options.setConnectTimeout((int) LibraryTimings.ackTimeoutMillis(settings));
        if (settings.will() != null) {
            options.setWillFlag(true)
                    .setWillTopic(settings.will().topic())
                    .setWillMessageBytes(Buffer.buffer(settings.will().payload()))
                    .setWillQoS(MqttQoS.AT_LEAST_ONCE.value())
                    .setWillRetain(true);
        }
        if (settings.credentials() != null) {
            settings.credentials().applyTo(options);
        }
        ClientTlsOptions.applyTo(options, settings.tls());
        // An attempt abandoned mid-handshake has no connection to drop: its socket goes when the handshake times out.
        options.setSslHandshakeTimeout(LibraryTimings.ackTimeoutMillis(settings)).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        return options;
    }

    private void closedBy(MqttClient attempt, String cause) {
        if (client != attempt) {
            return;
        }
        if (book.isConnected()) {
            letGo();
            book.lost(cause);
            scheduleReconnect();
        } else {
            failed(attempt, cause);
        }
    }

    /** The attempt went no further than it did within its time: dropped, then counted as failed. */
    private void abandon(MqttClient attempt, String cause) {
        if (client == attempt) {
            attempt.disconnect();
            failed(attempt, cause);
        }
    }

    /** Counts a failed attempt, then gives up or waits the model's delay before the next. */
    private void failed(MqttClient attempt, String cause) {
        if (client != attempt || book.isClosed()) {
            return;
        }
        letGo();
        book.refused(cause);
        if (book.attemptFailed()) {
            // After the refusal's report, which the listener hears on its context's next turn.
            book.onContext(book::gaveUp);
            return;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (book.isClosed()) {
            return;
        }
        Duration delay = settings.reconnect().delay(book.failedInARow() + 1, previousDelay, random);
        previousDelay = delay;
        reconnects.after(delay).thenRunAsync(() -> {
            if (client == null) {
                attempt();
            }
        }, book::onContext);
    }

    /** The current client is done with: its late calls report on nothing, and its packet ids go with it. */
    private void letGo() {
        client = null;
        awaitingAck.clear();
        acksBeforeRegistration.clear();
    }

    private void acknowledged(int packetId) {
        Promise<Void> acked = awaitingAck.remove(packetId);
        if (acked != null) {
            acked.tryComplete();
        } else {
            acksBeforeRegistration.add(packetId);
        }
    }

    private void failAck(int packetId, String cause) {
        Promise<Void> acked = awaitingAck.remove(packetId);
        if (acked != null) {
            acked.tryFail(cause);
        }
    }
}
