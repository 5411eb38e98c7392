package io.cloudcut.harness;

import io.cloudcut.mqtt.ClientTlsOptions;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Outbox;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The owner's phone and its app: an MQTT client straight to the broker (the phone's internet works;
 * it is the cloud that fails). It sends app commands through the commands service and waits for what
 * the cloud sends back, matched by probe id: command replies, status updates, push notifications;
 * and, for external devices that answer there, what they show on their own state topics.
 */
final class PhoneApp {

    private final Vertx vertx;
    private final ScenarioClock clock;
    private final Credentials credentials;
    private final ClientTls tls;
    private final Map<String, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();
    private final Set<String> stateTopics;
    private final Map<String, List<StateWait>> waitingOnStates = new ConcurrentHashMap<>();
    private static final long RECONNECT_DELAY_MILLIS = 200;

    /** The client's, its outbox's and its reconnects' one event loop, whichever thread a probe comes from. */
    private final Context context;
    private final Outbox outbox = new Outbox();
    private volatile MqttClient client;
    private volatile boolean closing;

    /** A state the phone waits for on a topic: the first that {@code answers} completes it. */
    private record StateWait(Predicate<JsonObject> answers, Promise<JsonObject> promise) {
    }

    /** {@code tls}: how it reaches the broker over TLS; null: plain TCP. */
    /** @param clock the run's: a wait does not count the time it stood still for a stalled harness ({@link ProbeWait}) */
    PhoneApp(Vertx vertx, ScenarioClock clock, Credentials credentials, ClientTls tls, Set<String> stateTopics) {
        this.clock = clock;
        this.vertx = vertx;
        this.credentials = credentials;
        this.tls = tls;
        this.stateTopics = Set.copyOf(stateTopics);
        context = vertx.getOrCreateContext();
    }

    /** Connects, and reconnects by itself whenever the broker goes away (a broker fault). */
    Future<Void> connect(String host, int port) {
        Promise<Void> connected = Promise.promise();
        context.runOnContext(on -> connectOnContext(host, port).onComplete(connected));
        return connected.future();
    }

    private Future<Void> connectOnContext(String host, int port) {
        MqttClient attempt = MqttClient.create(vertx, ClientTlsOptions.applyTo(credentials.applyTo(new MqttClientOptions()
                .setClientId("cloudcut-phone-app")
                .setCleanSession(true)
                .setMaxInflightQueue(Outbox.WINDOW)), tls));
        client = attempt;
        outbox.attach(attempt);
        attempt.publishHandler(message -> {
            JsonObject body;
            try {
                body = message.payload().toJsonObject();
            } catch (DecodeException | ClassCastException notJson) {
                return;
            }
            if (stateTopics.contains(message.topicName())) {
                // A retained state was there before the probe asked: only a state sent since can answer it.
                if (!message.isRetain()) {
                    stateArrived(message.topicName(), body);
                }
                return;
            }
            String id = body.getString("probeId", body.getString("requestId"));
            Promise<JsonObject> promise = id == null ? null : waiting.remove(id);
            if (promise != null) {
                promise.tryComplete(body);
            }
        });
        attempt.closeHandler(closed -> {
            outbox.connectionLost();
            if (!closing) {
                vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> reconnect(host, port));
            }
        });
        return attempt.connect(port, host)
                .compose(connack -> attempt.subscribe(subscriptions()))
                .mapEmpty();
    }

    private Map<String, Integer> subscriptions() {
        Map<String, Integer> topics = new HashMap<>(Map.of(CloudTopics.APP_ALL, 1, CloudTopics.PHONE_ALL, 1));
        stateTopics.forEach(topic -> topics.put(topic, 1));
        return topics;
    }

    private void stateArrived(String topic, JsonObject state) {
        List<StateWait> onTopic = waitingOnStates.getOrDefault(topic, List.of());
        for (StateWait wait : onTopic) {
            if (wait.answers().test(state) && onTopic.remove(wait)) {
                wait.promise().tryComplete(state);
            }
        }
    }

    private void reconnect(String host, int port) {
        connectOnContext(host, port).onFailure(notYet -> vertx.setTimer(RECONNECT_DELAY_MILLIS, retry -> reconnect(host, port)));
    }

    /** Waits for the cloud to send anything about this probe; fails once its patience is out ({@link ProbeWait}). */
    Future<JsonObject> await(String probeId, ProbePatience patience) {
        Promise<JsonObject> promise = Promise.promise();
        waiting.put(probeId, promise);
        ProbeWait.expireAfter(vertx, clock, patience, () -> {
            if (waiting.remove(probeId) != null) {
                promise.tryFail("timed out");
            }
        });
        return promise.future();
    }

    /** Waits for a state on {@code topic}, sent from now on, that {@code answers}; fails once its patience is out ({@link ProbeWait}). */
    Future<JsonObject> awaitState(String topic, Predicate<JsonObject> answers, ProbePatience patience) {
        StateWait wait = new StateWait(answers, Promise.promise());
        List<StateWait> onTopic = waitingOnStates.computeIfAbsent(topic, any -> new CopyOnWriteArrayList<>());
        onTopic.add(wait);
        ProbeWait.expireAfter(vertx, clock, patience, () -> {
            if (onTopic.remove(wait)) {
                wait.promise().tryFail("timed out");
            }
        });
        return wait.promise().future();
    }

    /**
     * Sends an app command for a device function through the commands service, at once or, past the
     * client's in-flight window, once acknowledgements make room; lost if the phone is offline.
     *
     * @return when the command has been sent or queued behind the window
     */
    Future<Void> command(String deviceId, String function, String requestId) {
        Buffer request = new JsonObject()
                .put("requestId", requestId)
                .put("deviceId", deviceId)
                .put("function", function)
                .toBuffer();
        Promise<Void> handed = Promise.promise();
        context.runOnContext(on -> {
            outbox.publish(CloudTopics.COMMAND_REQUEST, request);
            handed.complete();
        });
        return handed.future();
    }

    Future<Void> close() {
        closing = true;
        return client == null ? Future.succeededFuture() : client.disconnect().recover(ignored -> Future.succeededFuture());
    }
}
