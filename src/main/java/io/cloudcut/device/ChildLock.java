package io.cloudcut.device;

import io.cloudcut.scenario.OnSessionLoss;

import java.util.function.Supplier;

/**
 * A vacuum's child lock: engaged from the app, it keeps the robot's own button from starting a run.
 * Where its setting lives decides whether it holds offline: kept on the robot, it holds whatever the
 * cloud does; kept in the cloud (firmware whose session policy is {@code factory-settings}), the
 * robot knows it only while it has a cloud session, and without one its button starts a run again.
 */
final class ChildLock {

    private final DeviceContext device;
    private boolean engaged;

    ChildLock(DeviceContext device) {
        this.device = device;
    }

    /** Whether a press of the robot's button is kept from doing anything now. */
    boolean holdsTheButton() {
        return engaged && settingKnown();
    }

    /** Why an engaged lock let a press through, for the report. */
    String whyNotHeld() {
        return "the lock is a cloud setting and the robot has no cloud session";
    }

    /**
     * Runs an action with the lock engaged, then puts the owner's setting back. Every function runs
     * on the device's event loop, so no other press can come between.
     */
    <T> T whileEngaged(Supplier<T> action) {
        boolean owners = engaged;
        engaged = true;
        try {
            return action.get();
        } finally {
            engaged = owners;
        }
    }

    /** The owner engages the lock from the app and releases it again: the probe of the app's setting. */
    String setFromAppAndRelease() {
        return whileEngaged(() -> "child lock engaged from the app" + (holdsTheButton() ? "" : " (not held: " + whyNotHeld() + ")")
                + ", then released");
    }

    private boolean settingKnown() {
        return device.model().session().onLoss() != OnSessionLoss.FACTORY_SETTINGS || device.sessionValid();
    }
}
