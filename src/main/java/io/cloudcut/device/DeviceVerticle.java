package io.cloudcut.device;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.dashboard.mqtt.DashboardCommand;
import io.cloudcut.dashboard.mqtt.DeviceConventions;
import io.cloudcut.mqtt.ConnectAttempt;
import io.cloudcut.mqtt.ConnectionListener;
import io.cloudcut.mqtt.ConnectionSettings;
import io.cloudcut.mqtt.ConnectionStats;
import io.cloudcut.mqtt.Credentials;
import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.trust.ClientTls;
import io.cloudcut.mqtt.MqttStacks;
import io.cloudcut.observation.ConnectionObserved;
import io.cloudcut.observation.EventsObserved;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.ObservationBus;
import io.cloudcut.observation.ObservationCodec;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.observation.StateObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionPath;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.Trigger;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One emulated device: the runtime around a {@link Firmware}. It owns the device's MQTT connection,
 * its cloud session and the policy that gates functions on it, and its offline event buffer. The
 * physical world reaches it on the event bus ({@link DeviceAddresses}); the cloud over MQTT; MQTT
 * dashboards see it, and command it, on its own connection ({@link DashboardPresence}).
 */
public final class DeviceVerticle extends VerticleBase implements ConnectionListener, DeviceContext {

    /** How many events may await their PUBACK at once, like a client's in-flight window. */
    private static final int IN_FLIGHT_WINDOW = 10;
    /** Real time: how long a publish the client refused at once waits before the outbox tries again. */
    private static final long REFUSED_PUBLISH_RETRY_MILLIS = 100;
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
    private CloudSession session;
    /** The device's deadlines on the scenario clock, by the id the firmware holds. */
    private final Map<Long, ScenarioClock.Timer> timers = new HashMap<>();
    private long nextTimerId;
    private Executor onContext;
    private String state = "starting";
    private Activity activity = Activity.AT_REST;
    private long messagesReceived;
    private long malformedMessages;
    /** The cause of the last refused attempt observed since the device was last connected. */
    private String lastRefusal;
    /** Set when the run ends: completes once the device holds nothing it can still deliver. */
    private Promise<Void> finished;
    private boolean drainScheduled;

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
        onContext = task -> context.runOnContext(ignored -> task.run());
        ObservationBus.carry(vertx);
        outbox = new EventOutbox(model.buffer());
        session = new CloudSession(this, model.session(), this::requestToken, this::sessionChanged);
        // Local: on a worker of a clustered run the harness reaches its devices through the worker.
        vertx.eventBus().<JsonObject>localConsumer(DeviceAddresses.of(deviceId), ask -> {
            if (DeviceAddresses.asksStatus(ask.body())) {
                ask.reply(status());
            } else {
                stimulus(ask);
            }
        });
        dashboard = new DashboardPresence(DeviceConventions.of(deviceId, model), () -> connection);
        List<String> subscriptions = new ArrayList<>(List.of(CloudTopics.auth(deviceId), CloudTopics.command(deviceId)));
        subscriptions.addAll(dashboard.subscriptions());
        connection = MqttStacks.create(model.client(), vertx, new ConnectionSettings(deviceId, linkHost, linkPort,
                model.keepAlive(), model.connectTimeout(), model.mqttSession(), subscriptions, model.reconnect(), clock)
                .withWill(dashboard.will()).withCredentials(credentials).withTls(tls), this);
        firmware.start(this);
        session.start();
        connection.open();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        timers.values().forEach(ScenarioClock.Timer::cancel);
        finished = Promise.promise();
        long limit = vertx.setTimer(FINISHING_LIMIT_MILLIS, late -> finished.tryComplete());
        finishIfNothingDeliverable();
        return finished.future().compose(done -> {
            vertx.cancelTimer(limit);
            observe(eventsAccount());
            return dashboard.goOffline().transform(either -> connection.close());
        });
    }

    private void finishIfNothingDeliverable() {
        if (finished != null && (outbox.buffered() == 0 || !connection.isConnected())) {
            finished.tryComplete();
        }
    }

    // --- the connection tells the device -------------------------------------------------------

    @Override
    public void connected(ConnectAttempt attempt) {
        lastRefusal = null;
        observe(ConnectionObserved.up(nowMillis(), deviceId, model.id(), attempt.startedAtMillis(), attempt.realMillis()));
        firmware.connectionChanged(true);
        dashboard.connected();
        session.connected();
        drainOutbox();
    }

    @Override
    public void connectionLost(String cause) {
        observe(ConnectionObserved.down(nowMillis(), deviceId, model.id(), cause));
        firmware.connectionChanged(false);
        finishIfNothingDeliverable();
    }

    /**
     * Over TLS, why attempts fail is what an operator needs (an expired or foreign certificate), so
     * each new cause is observed once until the device connects again; over plain TCP, the losses say enough.
     */
    @Override
    public void attemptFailed(String cause) {
        if (tls != null && !cause.equals(lastRefusal)) {
            lastRefusal = cause;
            observe(ConnectionObserved.refused(nowMillis(), deviceId, model.id(), cause));
        }
    }

    @Override
    public void gaveUp(int attempts) {
        observe(ConnectionObserved.gaveUp(nowMillis(), deviceId, model.id(),
                "gave up after " + attempts + " attempts"));
    }

    /** Whatever arrives, the device acts on it or counts it as malformed: nothing a sender writes throws here. */
    @Override
    public void message(String topic, Buffer payload) {
        messagesReceived++;
        if (!accepted(topic, payload)) {
            malformedMessages++;
        }
    }

    /** Acts on a message; false when the device rejects it: unreadable on its topic, or a command it does not know. */
    private boolean accepted(String topic, Buffer payload) {
        if (dashboard.isCommand(topic)) {
            return dashboardCommand(topic, payload);
        }
        if (topic.equals(DeviceConventions.HOME_ASSISTANT_STATUS)) {
            return dashboard.homeAssistantStatus(payload);
        }
        if (topic.equals(CloudTopics.auth(deviceId))) {
            Optional<OptionalLong> answer = CloudMessages.tokenAnswer(payload,
                    ownClock ? OptionalLong.of(nowMillis()) : OptionalLong.empty());
            answer.ifPresent(expiry -> expiry.ifPresent(session::tokenReceived));
            return answer.isPresent();
        }
        if (topic.equals(CloudTopics.command(deviceId))) {
            return CloudMessages.appCommand(payload).map(this::command).orElse(false);
        }
        return false;
    }

    // --- what the firmware gets --------------------------------------------------------------------

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public DeviceModel model() {
        return model;
    }

    @Override
    public ScenarioClock clock() {
        return clock;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public void state(String newState, Activity newActivity) {
        state(newState, newActivity, new JsonObject());
    }

    @Override
    public void state(String newState, Activity newActivity, JsonObject readings) {
        if (!newState.equals(state) || newActivity != activity) {
            state = newState;
            activity = newActivity;
            observe(new StateObserved(nowMillis(), deviceId, model.id(), newState, newActivity == Activity.AT_REST));
        }
        dashboard.show(newState, readings);
    }

    @Override
    public void emit(String kind, String function, String probeId, JsonObject data) {
        JsonObject event = data.copy().put("kind", kind).put("function", function).put("deviceId", deviceId)
                .put("atMillis", nowMillis());
        if (probeId != null) {
            event.put("probeId", probeId);
        }
        outbox.add(event);
        drainOutbox();
        dashboard.happened(kind);
    }

    @Override
    public long setTimer(Duration scenarioDelay, Runnable action) {
        long id = nextTimerId++;
        timers.put(id, clock.schedule(scenarioDelay, onContext, () -> {
            timers.remove(id);
            action.run();
        }));
        return id;
    }

    @Override
    public long setPeriodic(Duration scenarioPeriod, Runnable action) {
        long id = nextTimerId++;
        timers.put(id, clock.every(scenarioPeriod, BootPhase.firstRun(deviceId, scenarioPeriod), onContext, action));
        return id;
    }

    @Override
    public void cancelTimer(long id) {
        ScenarioClock.Timer timer = timers.remove(id);
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public boolean sessionValid() {
        return session.valid();
    }

    // --- functions ---------------------------------------------------------------------------------

    /** Something happened on the device itself: a button, a sensor, its schedule. */
    private void stimulus(Message<JsonObject> ask) {
        String name = ask.body().getString("function", "");
        Optional<FunctionSpec> function = model.function(name);
        if (function.isEmpty() || function.get().trigger() == Trigger.APP) {
            ask.fail(DeviceAddresses.NO_SUCH_FUNCTION, "no function '" + name + "' started on the device");
            return;
        }
        perform(function.get(), ask.body().getString("probeId")).onComplete(done -> {
            if (done.succeeded()) {
                ask.reply(new JsonObject().put("detail", done.result()));
            } else {
                ask.fail(done.cause() instanceof Unprotected ? DeviceAddresses.UNPROTECTED : DeviceAddresses.REFUSED,
                        done.cause().getMessage());
            }
        });
    }

    /**
     * A command from the app, relayed by the cloud: answered either way, and false when the device has
     * no such function for the app (an unknown command, counted as malformed).
     */
    private boolean command(CloudMessages.AppCommand command) {
        String requestId = command.requestId();
        String name = command.function();
        Optional<FunctionSpec> function = model.function(name).filter(spec -> spec.trigger() == Trigger.APP);
        Future<String> done = function.isPresent() ? perform(function.get(), requestId)
                : Future.failedFuture("no function '" + name + "' for the app");
        done.onComplete(result -> connection.publish(CloudTopics.COMMAND_REPLY, new JsonObject()
                .put("requestId", requestId)
                .put("deviceId", deviceId)
                .put("function", name)
                .put("ok", result.succeeded())
                .put("detail", result.succeeded() ? result.result() : result.cause().getMessage())
                .toBuffer()));
        return function.isPresent();
    }

    /**
     * A command from a dashboard on the local network (Home Assistant, say): the device acts on it as
     * on its own button, under the same session policy, and its state topic shows the outcome: a
     * press performs the function, a value (a bed's temperature level) sets it. A payload that is no
     * command, or a value out of the control's range, is rejected: false.
     */
    private boolean dashboardCommand(String topic, Buffer payload) {
        Optional<DashboardCommand> command = dashboard.command(topic, payload);
        if (command.isEmpty()) {
            return false;
        }
        String name = command.get().function();
        OptionalInt value = command.get().value();
        underPolicy(new FunctionSpec(name, FunctionPath.LOCAL, null, null, null),
                () -> value.isPresent() ? firmware.set(name, value.getAsInt()) : firmware.perform(name, null));
        return true;
    }

    private Future<String> perform(FunctionSpec function, String probeId) {
        return underPolicy(function, () -> firmware.perform(function.name(), probeId));
    }

    /** Runs what the firmware does for a function, if the session policy allows the function now. */
    private Future<String> underPolicy(FunctionSpec function, Supplier<Future<String>> firmwareAction) {
        Optional<String> refusal = session.refusal(function);
        if (refusal.isPresent()) {
            return Future.failedFuture(refusal.get());
        }
        try {
            return firmwareAction.get();
        } catch (RuntimeException firmwareBug) {
            return Future.failedFuture("firmware failed: " + firmwareBug);
        }
    }

    // --- session and events ------------------------------------------------------------------------

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

    private void sessionChanged(SessionObserved.Change change) {
        observe(new SessionObserved(nowMillis(), deviceId, model.id(), change));
        firmware.sessionChanged(session.valid());
    }

    private void drainOutbox() {
        while (connection.isConnected() && outbox.inFlight() < IN_FLIGHT_WINDOW) {
            EventOutbox.Event event = outbox.takeNext();
            if (event == null) {
                return;
            }
            Future<Void> publishing = connection.publish(CloudTopics.ingest(deviceId), event.payload().toBuffer());
            if (publishing.failed()) {
                // Refused at once (the client's own in-flight limit, say): trying again in this loop would spin.
                outbox.returned(event);
                drainLater();
                return;
            }
            publishing.onComplete(sent -> {
                if (sent.succeeded()) {
                    outbox.acknowledged();
                    drainOutbox();
                } else {
                    outbox.returned(event);
                }
                finishIfNothingDeliverable();
            });
        }
    }

    private void drainLater() {
        if (!drainScheduled) {
            drainScheduled = true;
            vertx.setTimer(REFUSED_PUBLISH_RETRY_MILLIS, retry -> {
                drainScheduled = false;
                drainOutbox();
            });
        }
    }

    private EventsObserved eventsAccount() {
        ConnectionStats stats = connection.stats();
        return new EventsObserved(nowMillis(), deviceId, model.id(), outbox.generated(), outbox.delivered(),
                outbox.buffered(), outbox.dropped(), stats.connects(), stats.failedAttempts(), stats.gaveUp(),
                malformedMessages);
    }

    private JsonObject status() {
        return new JsonObject()
                .put("device", deviceId)
                .put("model", model.id())
                .put("state", state)
                .put("atRest", activity == Activity.AT_REST)
                .put("connected", connection.isConnected())
                .put("sessionValid", session.valid())
                .put("needsPerson", connection.stats().gaveUp())
                .put("messagesReceived", messagesReceived)
                .put("malformedMessages", malformedMessages)
                .put("events", ObservationCodec.encode(eventsAccount()));
    }

    private long nowMillis() {
        return clock.now().toMillis();
    }

    private void observe(Observation observation) {
        ObservationBus.publish(vertx, observation);
    }
}
