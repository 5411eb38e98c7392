package io.cloudcut.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The Vert.x MQTT client stack. The client has no reconnect of its own, so this adapter follows the
 * model's reconnect policy, each delay a deadline on the scenario clock. A fresh client per attempt: a reused one keeps a
 * NetClient per connect alive (see FINDINGS), and a stale one must not report on a newer attempt.
 */
final class VertxMqttConnection implements DeviceConnection {

    /**
     * The largest packet MQTT can carry, as the other stacks read. The Vert.x client's own default
     * (8,092 bytes) fails on a larger packet and reads nothing more from that connection: one
     * oversized message would cut the device off from its commands until it reconnects. The firmware
     * rejects, and counts, whatever is over its own limit.
     */
    private static final int MAX_PACKET_BYTES = 268_435_455;

    private final Vertx vertx;
    private final ConnectionSettings settings;
    private final ConnectionListener listener;
    private final Random random;
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
    private final Set<Integer> acksBeforeRegistration = new HashSet<>();
    private final ReconnectSchedule reconnects;

    /** Where the listener is called: the device's context, on which this connection was created. */
    private final Executor onContext;
    private MqttClient client;
    private boolean connected;
    private boolean closed;
    private int failedInARow;
    private Duration previousDelay = Duration.ZERO;
    private int connects;
    private int failedAttempts;
    private int losses;
    private boolean gaveUp;

    VertxMqttConnection(Vertx vertx, ConnectionSettings settings, ConnectionListener listener) {
        this.vertx = vertx;
        this.settings = settings;
        this.listener = listener;
        this.random = new Random(settings.clientId().hashCode());
        this.reconnects = new ReconnectSchedule(settings.clock());
        Context context = vertx.getOrCreateContext();
        this.onContext = task -> context.runOnContext(ignored -> task.run());
    }

    @Override
    public void open() {
        attempt();
    }

    @Override
    public Future<Void> publish(String topic, Buffer payload) {
        return publish(topic, payload, false);
    }

    @Override
    public Future<Void> publishRetained(String topic, Buffer payload) {
        return publish(topic, payload, true);
    }

    private Future<Void> publish(String topic, Buffer payload, boolean retain) {
        if (!connected) {
            return Future.failedFuture("not connected");
        }
        MqttClient current = client;
        Promise<Void> acked = Promise.promise();
        // Firmware that keeps publishing never goes idle, so the client never pings and a silent
        // link would go unnoticed: a PUBACK that does not come is taken as a dead connection.
        long ackTimer = vertx.setTimer(settings.ackTimeout().toMillis(), timeout -> {
            if (!acked.future().isComplete() && client == current && connected) {
                current.disconnect();
                closedBy(current, "no PUBACK within " + settings.ackTimeout().toMillis() + " ms");
            }
        });
        acked.future().onComplete(done -> vertx.cancelTimer(ackTimer));
        current.publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, retain).onComplete(sent -> {
            if (sent.failed()) {
                acked.tryFail(sent.cause());
            } else if (acksBeforeRegistration.remove(sent.result())) {
                acked.tryComplete();
            } else {
                awaitingAck.put(sent.result(), acked);
            }
        });
        return acked.future();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public ConnectionStats stats() {
        return new ConnectionStats(connects, failedAttempts, losses, gaveUp);
    }

    @Override
    public Future<Void> close() {
        closed = true;
        reconnects.close();
        MqttClient current = client;
        client = null;
        connected = false;
        failAwaitingAcks("closed");
        return current == null ? Future.succeededFuture() : current.disconnect().recover(ignored -> Future.succeededFuture());
    }

    private void attempt() {
        if (closed) {
            return;
        }
        reconnects.attemptStarting();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setCleanSession(settings.session().cleanStart())
                .setKeepAliveInterval((int) settings.keepAlive().toSeconds())
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(100)
                .setMaxMessageSize(MAX_PACKET_BYTES);
        options.setConnectTimeout((int) settings.ackTimeout().toMillis());
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
        MqttClient attempt = MqttClient.create(vertx, options);
        client = attempt;
        attempt.publishHandler(message -> {
            if (client == attempt) {
                listener.message(message.topicName(), message.payload());
            }
        });
        attempt.publishCompletionHandler(this::acknowledged);
        attempt.publishCompletionExpirationHandler(packetId -> failAck(packetId, "PUBACK timed out"));
        attempt.closeHandler(ignored -> closedBy(attempt, "connection closed"));
        long connackTimer = vertx.setTimer(settings.ackTimeout().toMillis(), timeout -> {
            if (client == attempt && !connected) {
                attempt.disconnect();
                failed(attempt, "no CONNACK within " + settings.ackTimeout().toMillis() + " ms");
            }
        });
        attempt.connect(settings.port(), settings.host()).onComplete(connack -> {
            vertx.cancelTimer(connackTimer);
            if (client != attempt) {
                return;
            }
            if (connack.failed()) {
                failed(attempt, ConnectFailures.describe(connack.cause(), settings));
                return;
            }
            subscribe(attempt).onComplete(done -> {
                if (client != attempt) {
                    return;
                }
                if (done.failed()) {
                    attempt.disconnect();
                    failed(attempt, "subscribe failed: " + done.cause().getMessage());
                    return;
                }
                connected = true;
                connects++;
                failedInARow = 0;
                previousDelay = Duration.ZERO;
                listener.connected(reconnects.attemptThatConnected());
            });
        });
    }

    /**
     * Subscribes and waits for the SUBACK: a SUBSCRIBE lost on a bad link would otherwise leave a
     * device that believes itself connected but never hears the cloud again.
     */
    private Future<Void> subscribe(MqttClient attempt) {
        if (settings.subscriptions().isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, Integer> filters = new LinkedHashMap<>();
        settings.subscriptions().forEach(filter -> filters.put(filter, 1));
        Promise<Void> subacked = Promise.promise();
        attempt.subscribeCompletionHandler(suback -> {
            if (suback.grantedQoSLevels().contains(MqttQoS.FAILURE.value())) {
                subacked.tryFail("the broker refused a subscription");
            } else {
                subacked.tryComplete();
            }
        });
        long subackTimer = vertx.setTimer(settings.ackTimeout().toMillis(),
                timeout -> subacked.tryFail("no SUBACK within " + settings.ackTimeout().toMillis() + " ms"));
        attempt.subscribe(filters).onFailure(subacked::tryFail);
        return subacked.future().onComplete(done -> vertx.cancelTimer(subackTimer));
    }

    private void closedBy(MqttClient attempt, String cause) {
        if (client != attempt) {
            return;
        }
        if (connected) {
            connected = false;
            losses++;
            failAwaitingAcks("connection lost");
            listener.connectionLost(cause);
            scheduleReconnect();
        } else {
            failed(attempt, cause);
        }
    }

    private void failed(MqttClient attempt, String cause) {
        if (client != attempt || closed) {
            return;
        }
        client = null;
        failedAttempts++;
        failedInARow++;
        listener.attemptFailed(cause);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        client = null;
        if (settings.reconnect().givesUpAfter(failedInARow)) {
            gaveUp = true;
            listener.gaveUp(failedInARow);
            return;
        }
        Duration delay = settings.reconnect().delay(failedInARow + 1, previousDelay, random);
        previousDelay = delay;
        reconnects.after(delay).thenRunAsync(() -> {
            if (client == null) {
                attempt();
            }
        }, onContext);
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

    private void failAwaitingAcks(String cause) {
        // A copy: failing one runs its callbacks at once, and what they do may change the map.
        List<Promise<Void>> awaiting = List.copyOf(awaitingAck.values());
        awaitingAck.clear();
        acksBeforeRegistration.clear();
        awaiting.forEach(promise -> promise.tryFail(cause));
    }
}
