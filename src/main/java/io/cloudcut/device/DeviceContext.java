package io.cloudcut.device;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** What the device runtime offers its {@link Firmware}. */
public interface DeviceContext {

    String deviceId();

    DeviceModel model();

    ScenarioClock clock();

    /** The state the device is in now, as the firmware last set it. */
    String state();

    /**
     * Enters a state; the change is observed and shows in reports and dashboards.
     *
     * @param state    what the device is doing, in its own words: {@code cleaning}, {@code docked}
     * @param activity whether the device acts on the world in that state or is at rest: a device
     *                 held in an acting state while its commands fail is stuck in its last state
     */
    void state(String state, Activity activity);

    /**
     * Enters a state, as {@link #state(String, Activity)}, with readings that MQTT dashboards show
     * beside it (a bed's temperature level and incline, say): published on the device's state topic
     * whenever state or readings change. Without an override, the readings are not shown.
     */
    default void state(String state, Activity activity, JsonObject readings) {
        state(state, activity);
    }

    /**
     * Sends an event to the cloud's ingest service at QoS 1: at once when connected, otherwise kept in
     * the offline buffer (or dropped, with a reason, by its overflow policy) and sent on reconnect.
     *
     * @param kind     what happened: {@code status}, {@code ring}, {@code motion}...
     * @param function the function the event serves
     * @param probeId  the probe that caused it, or null
     */
    void emit(String kind, String function, String probeId, JsonObject data);

    /** Runs an action after a delay in scenario time, on the device's event loop. */
    long setTimer(Duration scenarioDelay, Runnable action);

    /** Runs an action every period of scenario time, the first time at the device's own phase of it ({@link BootPhase}). */
    long setPeriodic(Duration scenarioPeriod, Runnable action);

    void cancelTimer(long id);

    boolean isConnected();

    boolean sessionValid();
}
