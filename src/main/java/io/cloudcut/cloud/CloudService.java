package io.cloudcut.cloud;

import io.cloudcut.trust.ClientTls;
import io.cloudcut.mqtt.ClientTlsOptions;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulated cloud service: a verticle with its own MQTT connection straight to the broker (the
 * cloud's side never goes through a device link). Its {@link ServiceCondition} decides what happens
 * to each message: handled; ignored (down: messages still arrive, as they would at a service whose
 * workers are stuck); refused with an error; delayed (slow); queued or turned away (throttled).
 * Malformed payloads are counted and rejected, never thrown: over {@link Payloads#CLOUD_MAX_BYTES}, not UTF-8,
 * not a JSON object, or not what the service's protocol says ({@link #wellFormed}).
 */
abstract class CloudService extends VerticleBase {

    /** Deployment config key: keep the MQTT session across disconnects (clean session off). */
    static final String PERSISTENT_SESSION = "persistentSession";
    /** Deployment config key: {@code {username, password}} to connect with; absent: anonymous. */
    static final String CREDENTIALS = "credentials";
    private static final Logger LOG = LoggerFactory.getLogger(CloudService.class);
    private static final long RETRY_MILLIS = 200;
    /**
     * The largest packet MQTT can carry. The Vert.x client's own default (8,092 bytes) fails on a
     * larger packet and reads nothing more from that connection; the service rejects, and counts,
     * whatever is over {@link Payloads#CLOUD_MAX_BYTES} itself.
     */
    private static final int MAX_PACKET_BYTES = 268_435_455;

    private final String name;
    private final String brokerHost;
    private final int brokerPort;
    /** Null: plain TCP to the broker. */
    private ClientTls tls;
    protected final ScenarioClock clock;

    private MqttClient client;
    private boolean stopping;
    private ServiceCondition condition = ServiceCondition.UP;
    private final Canary canary = new Canary();
    private final Outbox outbox = new Outbox();
    private Throttle throttle;
    private long handled;
    private long ignored;
    private long refused;
    private long malformed;
    /** Exceptions the service's own code threw: the emulated cloud misbehaved, and the run cannot be trusted. */
    private long harnessFailures;
    private String firstHarnessFailure;

    CloudService(String name, String brokerHost, int brokerPort, ScenarioClock clock) {
        this.name = name;
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
        this.clock = clock;
    }

    /** The topic filters this service listens to. */
    abstract List<String> subscriptions();

    /**
     * Whether a JSON message is one the service's protocol has on that topic: its fields of the right
     * type and in range. One that is not is counted as malformed and goes no further.
     */
    abstract boolean wellFormed(String topic, JsonObject message);

    /** Handles one well-formed message while the service is up. */
    abstract void handle(String topic, JsonObject message);

    /**
     * Answers a message with an error, where the service's protocol has answers (auth to a device,
     * commands to the app); by default the message is dropped, as an erroring stream drops events.
     */
    void refuse(String topic, JsonObject message, String reason) {
    }

    /** What the service adds to its status, such as per-device counts. */
    JsonObject details() {
        return new JsonObject();
    }

    @Override
    public Future<?> start() {
        // The verticle carries on after an exception, as a supervised service would come back; it is
        // counted so that the run reports it rather than hiding it in a log.
        context.exceptionHandler(this::failedInTheHarness);
        vertx.eventBus().<JsonObject>consumer(CloudControl.controlAddress(name), control -> {
            enter(ServiceCondition.fromJson(control.body()));
            control.reply(status());
        });
        vertx.eventBus().<JsonObject>consumer(CloudControl.statusAddress(name), ask -> ask.reply(status()));
        // The canary alone: asked several times a second while the clock runs, where a status carries every device's counts.
        vertx.eventBus().<JsonObject>consumer(CloudControl.canaryAddress(name), ask -> ask.reply(canary.toJson(System.nanoTime())));
        vertx.setPeriodic(Canary.EVERY.toMillis(), tick -> {
            if (client != null && client.isConnected()) {
                // Behind the service's own replies when they wait for room: that wait is the cloud's lag too.
                outbox.publish(CloudTopics.canary(name), Buffer.buffer(canary.send(System.nanoTime())));
            }
        });
        return connect();
    }

    /** Reaches the broker over TLS as {@code tls} says (null: plain TCP); before it is deployed. */
    CloudService securedBy(ClientTls brokerTls) {
        this.tls = brokerTls;
        return this;
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return client == null ? Future.succeededFuture() : client.disconnect().recover(ignoredFailure -> Future.succeededFuture());
    }

    void publish(String topic, JsonObject message) {
        outbox.publish(topic, message.toBuffer());
    }

    private Future<Void> connect() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId("cloudcut-cloud-" + name + "-" + deploymentID())
                .setCleanSession(!config().getBoolean(PERSISTENT_SESSION, false))
                .setKeepAliveInterval(10)
                .setMaxInflightQueue(Outbox.WINDOW)
                .setMaxMessageSize(MAX_PACKET_BYTES);
        JsonObject credentials = config().getJsonObject(CREDENTIALS);
        if (credentials != null) {
            new Credentials(credentials.getString("username"), credentials.getString("password")).applyTo(options);
        }
        MqttClient attempt = MqttClient.create(vertx, ClientTlsOptions.applyTo(options, tls));
        client = attempt;
        outbox.attach(attempt);
        attempt.publishHandler(message -> received(message.topicName(), message.payload()));
        Promise<Void> ready = Promise.promise();
        attempt.connect(brokerPort, brokerHost).compose(connack -> {
            Map<String, Integer> filters = new LinkedHashMap<>();
            subscriptions().forEach(filter -> filters.put(filter, 1));
            filters.put(CloudTopics.canary(name), 1);
            return attempt.subscribe(filters);
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
        return ready.future();
    }

    /** The broker went away or refused (a broker fault): come back as soon as it does. */
    private void retryUnlessStopping(Promise<Void> ready) {
        if (!stopping) {
            vertx.setTimer(RETRY_MILLIS, retry -> connect().onSuccess(connected -> ready.tryComplete()));
        }
    }

    private void received(String topic, Buffer payload) {
        if (topic.equals(CloudTopics.canary(name))) {
            canary.arrived(payload.toString(), System.nanoTime(), clock.now().toMillis(), clock.started());
            return;
        }
        JsonObject message = Payloads.object(payload, Payloads.CLOUD_MAX_BYTES)
                .filter(json -> wellFormed(topic, json)).orElse(null);
        if (message == null) {
            malformed++;
            return;
        }
        switch (condition.kind()) {
            case UP -> handleNow(topic, message);
            case DOWN -> ignored++;
            case ERROR -> refuseNow(topic, message, name + ": internal error");
            // Real time: a slow service stands for a network and protocol wait, which the scale does not shorten.
            case SLOW -> vertx.setTimer(Math.max(1, condition.latency().toMillis()), later -> handleNow(topic, message));
            case THROTTLED -> {
                if (!throttle.offer(() -> handleNow(topic, message))) {
                    refuseNow(topic, message, name + ": throttled, try again later");
                }
            }
        }
    }

    private void handleNow(String topic, JsonObject message) {
        handled++;
        handle(topic, message);
    }

    private void refuseNow(String topic, JsonObject message, String reason) {
        refused++;
        refuse(topic, message, reason);
    }

    private void enter(ServiceCondition next) {
        if (throttle != null) {
            throttle.release();
            throttle = null;
        }
        condition = next;
        if (next.kind() == ServiceCondition.Kind.THROTTLED) {
            throttle = new Throttle(clock, task -> context.runOnContext(onLoop -> task.run()), next.rate(), next.queue());
        }
    }

    private void failedInTheHarness(Throwable failure) {
        harnessFailures++;
        if (firstHarnessFailure == null) {
            firstHarnessFailure = failure.toString();
            LOG.error("Cloud service {} failed in the harness's own code; it carries on, and the run reports it", name, failure);
        }
    }

    private JsonObject status() {
        return new JsonObject()
                .put("service", name)
                .put("condition", condition.toJson())
                .put("handled", handled)
                .put("ignored", ignored)
                .put("refused", refused)
                .put("malformed", malformed)
                .put("harnessFailures", harnessFailures)
                .put("firstHarnessFailure", firstHarnessFailure)
                .put("canary", canary.toJson(System.nanoTime()))
                .put("details", details());
    }
}
