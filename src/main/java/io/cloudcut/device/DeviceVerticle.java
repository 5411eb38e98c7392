package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.ConnectionStats;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.trust.ClientTls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One emulated device: the runtime around a {@link Firmware}, and the owner of its parts, each with
 * one role: what the firmware gets ({@link DeviceRuntime}), what the device does as its connection
 * comes and goes and messages arrive ({@link ConnectionEvents}), its functions as the world asks for
 * them ({@link DeviceFunctions}), its events on their way to the cloud ({@link EventDelivery}), its
 * cloud session and the policy that gates functions on it ({@link CloudSession}), and its presence
 * on MQTT dashboards ({@link DashboardPresence}). The physical world reaches it on the event bus
 * ({@link DeviceAddresses}); the cloud over MQTT.
 */
public final class DeviceVerticle extends VerticleBase {

    /**
     * At the end of a run, how long a connected device may take to deliver what it holds, in real time:
     * an event sent a moment before the run ended is on its way, not held back by the outage.
     */
    private static final long FINISHING_LIMIT_MILLIS = 2_000;

    private final String deviceId;
    private final DeviceModel model;
    private final String linkHost;
    private final int linkPort;
    private final ScenarioClock clock;
    /**
     * Whether the clock is the device's own rather than the cloud's (a device run on its own): it then
     * cannot read the cloud's deadlines, and counts a token's lifetime from its receipt.
     */
    private final boolean ownClock;
    private final ClientTls tls;
    private final Firmware firmware;
    private final Credentials credentials;

    private DeviceConnection connection;
    private DashboardPresence dashboard;
    private EventOutbox outbox;
    private EventDelivery delivery;
    private DeviceRuntime runtime;
    private CloudSession session;
    private ConnectionEvents events;

    /**
     * @param linkHost    where the device's link to the broker listens (the fault proxy, or the broker)
     * @param credentials what the device connects with, null for none (anonymous)
     */
    public DeviceVerticle(String deviceId, DeviceModel model, String linkHost, int linkPort, ScenarioClock clock,
                          Credentials credentials) {
        this(deviceId, model, linkHost, linkPort, clock, credentials, null, false);
    }

    /** @param tls how the device verifies its link and which certificate it presents; null: plain TCP */
    public DeviceVerticle(String deviceId, DeviceModel model, String linkHost, int linkPort, ScenarioClock clock,
                          Credentials credentials, ClientTls tls) {
        this(deviceId, model, linkHost, linkPort, clock, credentials, tls, false);
    }

    private DeviceVerticle(String deviceId, DeviceModel model, String linkHost, int linkPort, ScenarioClock clock,
                           Credentials credentials, ClientTls tls, boolean ownClock) {
        this.tls = tls;
        this.deviceId = deviceId;
        this.model = model;
        this.linkHost = linkHost;
        this.linkPort = linkPort;
        this.clock = clock;
        this.ownClock = ownClock;
        this.firmware = Firmwares.forModel(model);
        this.credentials = credentials;
    }

    /** A device on a clock of its own, not the cloud's: {@link StandaloneDevice}. */
    static DeviceVerticle onItsOwnClock(String deviceId, DeviceModel model, String brokerHost, int brokerPort,
                                        ScenarioClock clock) {
        return new DeviceVerticle(deviceId, model, brokerHost, brokerPort, clock, null, null, true);
    }

    @Override
    public Future<?> start() {
        ObservationBus.carry(vertx);
        // One of each per device, shared by its parts: a fleet's heap counts every object a device holds.
        Supplier<DeviceConnection> connected = () -> connection;
        Consumer<Observation> observer = this::observe;
        outbox = new EventOutbox(model.buffer());
        delivery = new EventDelivery(vertx, clock, deviceId, outbox, connected);
        dashboard = new DashboardPresence(DeviceConventions.of(deviceId, model), connected);
        runtime = new DeviceRuntime(deviceId, model, clock, task -> context.runOnContext(ignored -> task.run()), connected,
                dashboard, delivery, observer);
        session = runtime.withSession(new CloudSession(runtime, model.session(), this::requestToken, this::sessionChanged));
        DeviceFunctions functions = new DeviceFunctions(deviceId, model, firmware, session, dashboard, connected);
        events = new ConnectionEvents(runtime, firmware, dashboard, session, delivery, functions, observer, tls != null, ownClock);
        // Local: on a worker of a clustered run the harness reaches its devices through the worker.
        vertx.eventBus().<JsonObject>localConsumer(DeviceAddresses.of(deviceId), ask -> {
            if (DeviceAddresses.asksStatus(ask.body())) {
                ask.reply(status());
            } else if (DeviceAddresses.asksSignIn(ask.body())) {
                requestToken();
                ask.reply(new JsonObject().put("asked", connection.isConnected()));
            } else {
                functions.stimulus(ask);
            }
        });
        List<String> subscriptions = new ArrayList<>(List.of(CloudTopics.auth(deviceId), CloudTopics.command(deviceId)));
        subscriptions.addAll(dashboard.subscriptions());
        connection = MqttStacks.create(model.client(), vertx, new ConnectionSettings(deviceId, linkHost, linkPort,
                model.keepAlive(), model.connectTimeout(), model.mqttSession(), subscriptions, model.reconnect(), clock)
                .withWill(dashboard.will()).withCredentials(credentials).withTls(tls), events);
        firmware.start(runtime);
        session.start();
        connection.open();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        runtime.cancelAllTimers();
        return delivery.finishWithin(FINISHING_LIMIT_MILLIS).compose(done -> {
            observe(eventsAccount());
            return dashboard.goOffline().transform(either -> connection.close());
        });
    }

    private void requestToken() {
        if (connection.isConnected()) {
            JsonObject request = CloudTopics.signInRequest(deviceId, model.session().tokenTtl());
            if (ownClock) {
                // A run that lists this device outside it checks that its clock goes at the run's pace.
                request.put(CloudTopics.TIME_SCALE, clock.scale());
            }
            connection.publish(CloudTopics.AUTH_REQUEST, request.toBuffer());
        }
    }

    private void sessionChanged(SessionObserved.Change change, long atMillis) {
        observe(new SessionObserved(atMillis, deviceId, model.id(), change));
        firmware.sessionChanged(session.valid());
    }

    private EventsObserved eventsAccount() {
        ConnectionStats stats = connection.stats();
        return new EventsObserved(runtime.nowMillis(), deviceId, model.id(), outbox.generated(), outbox.delivered(),
                outbox.buffered(), outbox.dropped(), stats.connects(), stats.failedAttempts(), stats.gaveUp(),
                events.malformedMessages());
    }

    private JsonObject status() {
        return new JsonObject()
                .put("device", deviceId)
                .put("model", model.id())
                .put("state", runtime.state())
                .put("atRest", runtime.atRest())
                .put("connected", connection.isConnected())
                .put("sessionValid", session.valid())
                .put("needsPerson", connection.stats().gaveUp())
                .put("messagesReceived", events.messagesReceived())
                .put("malformedMessages", events.malformedMessages())
                .put("events", ObservationCodec.encode(eventsAccount()));
    }

    private void observe(Observation observation) {
        ObservationBus.publish(vertx, observation);
    }
}
