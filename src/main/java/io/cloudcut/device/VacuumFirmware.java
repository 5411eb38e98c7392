package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Locale;

/**
 * A robot vacuum: starts a cleaning run from its button, from the app (the whole floor, or the rooms
 * the owner picked on the app's map) or from its schedule, cleans for a while, returns and docks; can be stopped where it is or sent back to its base; reports its
 * status to the cloud on its own and when asked. A dashboard on the local network can also pause it
 * and make it beep ({@code pause}, {@code locate}: no model probes them). Its child lock, set from the app, keeps the button
 * from starting a run, and is held on the robot unless the model's session policy is
 * {@code factory-settings}: then it is the cloud's setting, and applies only while the robot has a
 * cloud session.
 */
final class VacuumFirmware implements Firmware {

    /** The usual robot vacuum states (the set Home Assistant and Valetudo use); it acts only while it moves. */
    enum VacuumState {
        DOCKED(Activity.AT_REST), CLEANING(Activity.ACTING), PAUSED(Activity.AT_REST), RETURNING(Activity.ACTING),
        IDLE(Activity.AT_REST), ERROR(Activity.AT_REST);

        private final Activity activity;

        VacuumState(Activity activity) {
            this.activity = activity;
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Duration CLEANING_RUN = Duration.ofMinutes(50);
    static final Duration RETURN_TRIP = Duration.ofMinutes(3);

    private DeviceContext device;
    private VacuumState state;
    private long runTimer = -1;
    private ChildLock childLock;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        this.childLock = new ChildLock(device);
        enter(VacuumState.DOCKED);
        device.setPeriodic(device.model().statusEvery(), () -> reportStatus("status-report", null));
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "clean-button" -> pressClean();
            case "clean-from-app", "scheduled-clean" -> startCleaning();
            case "room-clean" -> startCleaning().map(started -> started + " in the rooms chosen in the app");
            case "stop" -> stopRunning();
            case "return-to-base" -> returnToBase();
            case "status-report" -> {
                reportStatus(function, probeId);
                yield Future.succeededFuture("status sent: " + state.wireName());
            }
            case "child-lock" -> childPressesClean();
            case "child-lock-from-app" -> Future.succeededFuture(childLock.setFromAppAndRelease());
            case "pause" -> pause();
            case "locate" -> Future.succeededFuture("beep: here I am (" + state.wireName() + ")");
            default -> Future.failedFuture("a vacuum has no function '" + function + "'");
        };
    }

    /** The Clean button on the robot: a run, unless the child lock holds the button. */
    private Future<String> pressClean() {
        if (childLock.holdsTheButton()) {
            return Future.failedFuture("child lock engaged: the button does nothing");
        }
        return startCleaning();
    }

    /**
     * The child lock's probe: with the lock engaged, a child presses Clean. The lock is engaged for
     * this press only, on the event loop that runs every function, so the owner's own presses never
     * meet it.
     */
    private Future<String> childPressesClean() {
        return childLock.whileEngaged(() -> {
            Future<String> press = pressClean();
            if (press.succeeded()) {
                return Future.failedFuture(new Unprotected("child lock engaged, yet a press started the vacuum ("
                        + childLock.whyNotHeld() + "): " + press.result()));
            }
            return Future.succeededFuture("the press did nothing: " + press.cause().getMessage());
        });
    }

    private Future<String> startCleaning() {
        if (state == VacuumState.ERROR) {
            return Future.failedFuture("vacuum is in error");
        }
        if (state == VacuumState.CLEANING) {
            return Future.succeededFuture("already cleaning");
        }
        enter(VacuumState.CLEANING);
        device.cancelTimer(runTimer);
        runTimer = device.setTimer(CLEANING_RUN, this::headHome);
        return Future.succeededFuture("cleaning started");
    }

    /**
     * Stops the robot where it is. Stopping a robot that does not move proves nothing, so a stop on
     * one that does not move starts a run first: every probe of stop stops a moving robot.
     */
    private Future<String> stopRunning() {
        Future<String> moving = isMoving() ? Future.succeededFuture(state.wireName()) : startCleaning().map("started");
        return moving.map(was -> {
            device.cancelTimer(runTimer);
            enter(VacuumState.IDLE);
            return "stopped (" + was + "), idle where it stood";
        });
    }

    /** Halts a moving robot where it is, to go on with a start: a dashboard's pause (no model probes it). */
    private Future<String> pause() {
        if (!isMoving()) {
            return Future.failedFuture("nothing to pause: " + state.wireName());
        }
        device.cancelTimer(runTimer);
        enter(VacuumState.PAUSED);
        return Future.succeededFuture("paused");
    }

    /** Sends the robot home; one already docked is sent out first, for the same reason as {@link #stopRunning}. */
    private Future<String> returnToBase() {
        if (state == VacuumState.RETURNING) {
            return Future.succeededFuture("already returning");
        }
        Future<String> away = state == VacuumState.DOCKED ? startCleaning().map("started") : Future.succeededFuture(state.wireName());
        return away.map(was -> {
            headHome();
            return "returning to base (" + was + ")";
        });
    }

    private void headHome() {
        device.cancelTimer(runTimer);
        enter(VacuumState.RETURNING);
        runTimer = device.setTimer(RETURN_TRIP, () -> enter(VacuumState.DOCKED));
    }

    private boolean isMoving() {
        return state == VacuumState.CLEANING || state == VacuumState.RETURNING;
    }

    private void enter(VacuumState next) {
        state = next;
        device.state(next.wireName(), next.activity);
    }

    private void reportStatus(String function, String probeId) {
        device.emit("status", function, probeId, new JsonObject().put("state", state.wireName())
                .put("childLock", childLock.holdsTheButton()));
    }
}
