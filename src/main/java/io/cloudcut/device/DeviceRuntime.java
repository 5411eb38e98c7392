package io.cloudcut.device;

import io.cloudcut.mqtt.DeviceConnection;
import io.cloudcut.observation.Observation;
import io.cloudcut.observation.StateObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a device offers its {@link Firmware}: its state, seen by reports and dashboards; its events,
 * handed to {@link EventDelivery}; its deadlines on the scenario clock, run on the device's context.
 */
final class DeviceRuntime implements DeviceContext {

    private final String deviceId;
    private final DeviceModel model;
    private final ScenarioClock clock;
    private final Executor onContext;
    private final Supplier<DeviceConnection> connection;
    /** Made with this runtime, which it needs: attached once made. */
    private CloudSession session;
    private final DashboardPresence dashboard;
    private final EventDelivery delivery;
    private final Consumer<Observation> observe;
    /** The device's deadlines on the scenario clock, by the id the firmware holds. */
    private final Map<Long, ScenarioClock.Timer> timers = new HashMap<>();
    private long nextTimerId;
    private String state = "starting";
    private Activity activity = Activity.AT_REST;

    /** @param onContext runs a task on the device's context, from the clock's thread */
    DeviceRuntime(String deviceId, DeviceModel model, ScenarioClock clock, Executor onContext, Supplier<DeviceConnection> connection,
                  DashboardPresence dashboard, EventDelivery delivery, Consumer<Observation> observe) {
        this.deviceId = deviceId;
        this.model = model;
        this.clock = clock;
        this.onContext = onContext;
        this.connection = connection;
        this.dashboard = dashboard;
        this.delivery = delivery;
        this.observe = observe;
    }

    /** Attaches the device's session, made with this runtime; returns it. */
    CloudSession withSession(CloudSession made) {
        this.session = made;
        return made;
    }

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

    boolean atRest() {
        return activity == Activity.AT_REST;
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
            observe.accept(new StateObserved(nowMillis(), deviceId, model.id(), newState, newActivity == Activity.AT_REST));
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
        delivery.add(event);
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

    /** The device stops: none of its deadlines runs from now on. */
    void cancelAllTimers() {
        timers.values().forEach(ScenarioClock.Timer::cancel);
    }

    @Override
    public boolean isConnected() {
        return connection.get().isConnected();
    }

    @Override
    public boolean sessionValid() {
        return session.valid();
    }

    long nowMillis() {
        return clock.now().toMillis();
    }
}
