package io.cloudcut.cloud;

import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One of a cloud service's connections to the broker: its client, the publishes waiting for room in
 * its window ({@link Outbox}), and its {@link Canary}, sent to itself on a topic of its own so that
 * its delay is this connection's queue. It subscribes to the service's filters (shared among the
 * service's connections when it has several), hands on every other message, and comes back each
 * time the broker goes away until the service stops. Confined to the service's context.
 */
final class ServiceConnection {

    private static final long RETRY_MILLIS = 200;
    /** The return code of a refused filter in a SUBACK (MQTT 3.1.1; MQTT 5's reason codes from it up say the same). */
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    private final Vertx vertx;
    private final Supplier<MqttClientOptions> options;
    private final String brokerHost;
    private final int brokerPort;
    private final List<String> filters;
    private final String canaryTopic;
    private final BiConsumer<String, Buffer> received;
    private final Consumer<String> refused;
    private final Outbox outbox = new Outbox();
    private final Canary canary = new Canary();
    private MqttClient client;
    private boolean stopping;
    private long handedOn;

    /**
     * @param options   a new client's options (its client id among them), for each attempt
     * @param filters   the topic filters to subscribe to, as the broker is to see them
     * @param received  every message but this connection's canary
     * @param clock     whether a late canary counts yet, and when it came ({@link Canary#arrived})
     * @param refused   told of each filter the broker refused (its ACL, its limits): the service hears nothing there
     */
    ServiceConnection(Vertx vertx, Supplier<MqttClientOptions> options, String brokerHost, int brokerPort,
                      List<String> filters, String canaryTopic, BiConsumer<String, Buffer> received, ScenarioClock clock,
                      Consumer<String> refused) {
        this.vertx = vertx;
        this.options = options;
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
        this.filters = List.copyOf(filters);
        this.canaryTopic = canaryTopic;
        this.refused = refused;
        this.received = (topic, payload) -> {
            if (topic.equals(canaryTopic)) {
                canary.arrived(payload.toString(), System.nanoTime(), clock.now().toMillis(), clock.started());
            } else {
                handedOn++;
                received.accept(topic, payload);
            }
        };
    }

    boolean connected() {
        return client != null && client.isConnected();
    }

    /** Sends at once while the window has room, else after the messages before it; drops it while disconnected. */
    void publish(String topic, Buffer payload) {
        outbox.publish(topic, payload);
    }

    /** Behind the connection's own publishes when they wait for room: that wait is the cloud's lag too. */
    void sendCanary() {
        if (connected()) {
            outbox.publish(canaryTopic, Buffer.buffer(canary.send(System.nanoTime())));
        }
    }

    Canary canary() {
        return canary;
    }

    /** The messages it received for the service, its canaries aside: a share of the service's, when it has several. */
    long handedOn() {
        return handedOn;
    }

    /** Completes once connected and subscribed the first time; retries until then, and after every loss. */
    Future<Void> connect() {
        Promise<Void> ready = Promise.promise();
        attempt(ready);
        return ready.future();
    }

    Future<Void> stop() {
        stopping = true;
        return client == null ? Future.succeededFuture()
                : client.disconnect().recover(ignoredFailure -> Future.succeededFuture());
    }

    private void attempt(Promise<Void> ready) {
        MqttClient attempt = MqttClient.create(vertx, options.get());
        client = attempt;
        outbox.attach(attempt);
        attempt.publishHandler(message -> received.accept(message.topicName(), message.payload()));
        attempt.connect(brokerPort, brokerHost).compose(connack -> {
            Map<String, Integer> qos = new LinkedHashMap<>();
            filters.forEach(filter -> qos.put(filter, 1));
            qos.put(canaryTopic, 1);
            List<String> asked = List.copyOf(qos.keySet());
            attempt.subscribeCompletionHandler(suback -> {
                List<Integer> granted = suback.grantedQoSLevels();
                for (int i = 0; i < Math.min(asked.size(), granted.size()); i++) {
                    if (granted.get(i) == SUBSCRIPTION_REFUSED) {
                        refused.accept(asked.get(i));
                    }
                }
            });
            return attempt.subscribe(qos);
        }).onComplete(done -> {
            if (done.succeeded()) {
                // Only a connection that was up comes back from its close: an attempt that failed retries
                // below, and two retry loops would take the session from each other under one client id.
                attempt.closeHandler(closed -> {
                    canary.connectionLost();
                    outbox.connectionLost();
                    retryUnlessStopping(ready);
                });
                if (!attempt.isConnected()) {
                    retryUnlessStopping(ready); // closed before its handler was in place
                }
                ready.tryComplete();
            } else {
                if (attempt.isConnected()) {
                    attempt.disconnect();
                }
                retryUnlessStopping(ready);
            }
        });
    }

    /** The broker went away or refused (a broker fault): come back as soon as it does. */
    private void retryUnlessStopping(Promise<Void> ready) {
        if (!stopping) {
            vertx.setTimer(RETRY_MILLIS, retry -> attempt(ready));
        }
    }
}
