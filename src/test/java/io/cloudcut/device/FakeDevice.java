package io.cloudcut.device;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.ScenarioLoader;
import io.cloudcut.testing.Project;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime as a firmware sees it, without a connection or a clock running: the test says whether
 * the device is connected and signed in, fires its timers when it wants, and reads the states and
 * events the firmware produced.
 */
final class FakeDevice implements DeviceContext {

    record State(String name, Activity activity) {
    }

    /** A timer set and not yet fired or cancelled: what it runs, after how much scenario time. */
    record Pending(Duration delay, Runnable action) {
    }

    /** One clock for fake devices whose tests fire timers themselves and read no time. */
    private static final ScenarioClock CLOCK = ScenarioClock.running(1);

    private final DeviceModel model;
    private final ScenarioClock clock;
    private final List<State> states = new ArrayList<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final Map<Long, Pending> timers = new LinkedHashMap<>();
    private long nextTimer;
    boolean connected = true;
    boolean sessionValid = true;

    FakeDevice(DeviceModel model) {
        this(model, CLOCK);
    }

    /** A device whose time the test sets on {@code clock} (pinned with {@link ScenarioClock#follow}). */
    FakeDevice(DeviceModel model, ScenarioClock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** A device of a shipped model, {@code devices/<id>.yaml}. */
    static FakeDevice of(String modelId) throws Exception {
        ScenarioLoader loader = new ScenarioLoader(Project.root());
        return new FakeDevice(loader.loadModel(Project.file("devices/" + modelId + ".yaml"),
                loader.loadCloud(Project.file("clouds/default.yaml"))));
    }

    List<State> states() {
        return states;
    }

    State current() {
        return states.get(states.size() - 1);
    }

    List<JsonObject> events() {
        return events;
    }

    /** Fires the one-shot timers set so far, as if their time had come, in the order they were set. */
    void fireTimers() {
        List<Pending> due = new ArrayList<>(timers.values());
        timers.clear();
        due.forEach(timer -> timer.action().run());
    }

    /** The timers set and not yet fired or cancelled, by id. */
    Map<Long, Pending> pendingTimers() {
        return Map.copyOf(timers);
    }

    /** Fires one timer, as if its time had come. */
    void fire(long id) {
        timers.remove(id).action().run();
    }

    @Override
    public String deviceId() {
        return model.id() + "-1";
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
        return states.isEmpty() ? "starting" : current().name();
    }

    @Override
    public void state(String state, Activity activity) {
        states.add(new State(state, activity));
    }

    @Override
    public void emit(String kind, String function, String probeId, JsonObject data) {
        events.add(data.copy().put("kind", kind).put("function", function).put("probeId", probeId));
    }

    @Override
    public long setTimer(Duration scenarioDelay, Runnable action) {
        timers.put(nextTimer, new Pending(scenarioDelay, action));
        return nextTimer++;
    }

    @Override
    public long setPeriodic(Duration scenarioPeriod, Runnable action) {
        return nextTimer++;
    }

    @Override
    public void cancelTimer(long id) {
        timers.remove(id);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean sessionValid() {
        return sessionValid;
    }
}
