package io.cloudcut.device;

import io.vertx.core.Future;

/**
 * The behaviour of a device: what each of its functions does. This is the firmware SPI: implement it
 * (with a public no-argument constructor), name the class in a model's {@code firmware} field, and
 * CloudCut runs it like the built-in vacuum and doorbell.
 *
 * <p>The device runtime around it owns the MQTT connection, the cloud session and its policy, and
 * the offline buffer: {@link #perform} is only called for a function the session policy allows, and
 * events emitted through {@link DeviceContext#emit} are buffered while offline and accounted for.
 * All methods are called on the device's event loop: never block in them.
 */
public interface Firmware {

    /** Called once when the device starts, before it first connects. */
    void start(DeviceContext device);

    /**
     * Runs one function, asked for by its path (a button or sensor on the device, or a command from
     * the app). Succeed with a short description of what happened; fail with the reason it could not.
     *
     * @param probeId the id of the probe that asked, to put in any event the function emits
     */
    Future<String> perform(String function, String probeId);

    /**
     * Sets what one function adjusts to a value, as a dashboard's control does (a Home Assistant
     * {@code number}: a bed's temperature level): called, like {@link #perform}, only when the
     * session policy allows the function, with a value the device's dashboard conventions took as
     * within its range. A firmware whose functions take no value keeps this default.
     */
    default Future<String> set(String function, int value) {
        return Future.failedFuture("'" + function + "' takes no value");
    }

    /** The device's MQTT connection to the cloud came up or went down. */
    default void connectionChanged(boolean up) {
    }

    /** The device's cloud session became valid or stopped being valid. */
    default void sessionChanged(boolean valid) {
    }
}
