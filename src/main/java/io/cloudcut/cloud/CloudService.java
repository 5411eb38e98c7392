package io.cloudcut.cloud;

import io.cloudcut.scenario.CloudSpec;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.mqtt.ClientTlsOptions;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An emulated cloud service: a verticle with its own MQTT connections straight to the broker (the
 * cloud's side never goes through a device link): one by default, or several sharing its
 * subscriptions ({@link CloudSpec.ServiceSpec#connections()}), its state one whichever brought a
 * message, its answers spread over them in turn. Its {@link ServiceCondition} decides what happens
 * to each message (handled, ignored, refused, delayed, queued), through the {@link ServiceDesk} it
 * offers the condition's {@link Treatment}, which counts each outcome.
 * Malformed payloads are counted and rejected, never thrown: over {@link Payloads#CLOUD_MAX_BYTES}, not UTF-8,
 * not a JSON object, or not what the service's protocol says ({@link #wellFormed}).
 */
abstract class CloudService extends VerticleBase {

    /** Deployment config key: keep the MQTT session across disconnects (clean session off). */
    static final String PERSISTENT_SESSION = "persistentSession";
    /** Deployment config key: {@code {username, password}} to connect with; absent: anonymous. */
    static final String CREDENTIALS = "credentials";
    /** Deployment config key: how many connections the service reads through (default 1). */
    static final String CONNECTIONS = "connections";
    private static final Logger LOG = LoggerFactory.getLogger(CloudService.class);
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

    private final List<ServiceConnection> connections = new ArrayList<>();
    /** The connection the next answer goes out on, in turn among those connected. */
    private int nextOut;
    private ServiceCondition condition = ServiceCondition.UP;
    private final ServiceDesk desk = new Desk();
    private Treatment treatment = condition.treatmentAt(desk);
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
        vertx.eventBus().<JsonObject>consumer(CloudControl.canaryAddress(name), ask -> ask.reply(canaries()));
        vertx.setPeriodic(Canary.EVERY.toMillis(), tick -> connections.forEach(ServiceConnection::sendCanary));
        int count = config().getInteger(CONNECTIONS, 1);
        for (int index = 0; index < count; index++) {
            connections.add(connection(index, count));
        }
        return Future.all(connections.stream().map(ServiceConnection::connect).toList());
    }

    /** Reaches the broker over TLS as {@code tls} says (null: plain TCP); before it is deployed. */
    CloudService securedBy(ClientTls brokerTls) {
        this.tls = brokerTls;
        return this;
    }

    @Override
    public Future<?> stop() {
        return Future.all(connections.stream().map(ServiceConnection::stop).toList());
    }

    /** Out on the next connected connection in turn; dropped while none is, as a publish is while disconnected. */
    void publish(String topic, JsonObject message) {
        for (int tried = 0; tried < connections.size(); tried++) {
            ServiceConnection out = connections.get(nextOut);
            nextOut = (nextOut + 1) % connections.size();
            if (out.connected()) {
                out.publish(topic, message.toBuffer());
                return;
            }
        }
    }

    /**
     * The {@code index}th of {@code count} connections: alone, it subscribes to the service's filters as
     * they are; one of several, to them shared among the service's connections, and each sends its own
     * canary, so that each one's queue is measured.
     */
    private ServiceConnection connection(int index, int count) {
        String clientId = "cloudcut-cloud-" + name + "-" + deploymentID() + (count == 1 ? "" : "-" + index);
        List<String> filters = count == 1 ? subscriptions()
                : subscriptions().stream().map(filter -> CloudTopics.shared(name, filter)).toList();
        return new ServiceConnection(vertx, () -> options(clientId), brokerHost, brokerPort, filters,
                CloudTopics.canary(name, index), this::received, clock,
                filter -> failedInTheHarness(new IllegalStateException("the broker refused its subscription to " + filter)));
    }

    private MqttClientOptions options(String clientId) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(!config().getBoolean(PERSISTENT_SESSION, false))
                .setKeepAliveInterval(10)
                .setMaxInflightQueue(Outbox.WINDOW)
                .setMaxMessageSize(MAX_PACKET_BYTES);
        JsonObject credentials = config().getJsonObject(CREDENTIALS);
        if (credentials != null) {
            new Credentials(credentials.getString("username"), credentials.getString("password")).applyTo(options);
        }
        return ClientTlsOptions.applyTo(options, tls);
    }

    /** The canaries of all its connections as one: the service is as far behind as its slowest connection. */
    private JsonObject canaries() {
        long now = System.nanoTime();
        return Canary.combined(connections.stream().map(connection -> connection.canary().toJson(now)).toList());
    }

    private void received(String topic, Buffer payload) {
        JsonObject message = Payloads.object(payload, Payloads.CLOUD_MAX_BYTES)
                .filter(json -> Holds.wellFormedIn(json) && wellFormed(topic, json)).orElse(null);
        if (message == null) {
            malformed++;
            return;
        }
        treatment.receive(topic, message);
    }

    private void enter(ServiceCondition next) {
        treatment.leave();
        condition = next;
        treatment = next.treatmentAt(desk);
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
                .put("canary", canaries())
                .put("byConnection", new JsonArray(connections.stream().map(ServiceConnection::handedOn).toList()))
                .put("details", details());
    }

    /** The service's own counts and loop, as a condition's treatment uses them. */
    private final class Desk implements ServiceDesk {

        @Override
        public String name() {
            return name;
        }

        @Override
        public void handle(String topic, JsonObject message) {
            handled++;
            CloudService.this.handle(topic, message);
        }

        @Override
        public void refuse(String topic, JsonObject message, String reason) {
            refused++;
            CloudService.this.refuse(topic, message, reason);
        }

        @Override
        public void ignore() {
            ignored++;
        }

        @Override
        public void after(Duration delay, Runnable work) {
            vertx.setTimer(Math.max(1, delay.toMillis()), later -> work.run());
        }

        @Override
        public ScenarioClock clock() {
            return clock;
        }

        @Override
        public Executor onLoop() {
            return task -> context.runOnContext(onLoop -> task.run());
        }
    }
}
