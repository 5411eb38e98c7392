package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Locale;

/**
 * A robot vacuum: starts a cleaning run from its button, from the app or from its schedule, cleans
 * for a while, returns and docks; reports its status to the cloud on its own and when asked; its
 * child lock is set from the app only.
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
    private long runTimer = -1;
    private boolean childLock;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        enter(VacuumState.DOCKED);
        device.setPeriodic(device.model().statusEvery(), () -> reportStatus("status-report", null));
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "clean-button", "clean-from-app", "scheduled-clean" -> startCleaning();
            case "status-report" -> {
                reportStatus(function, probeId);
                yield Future.succeededFuture("status sent: " + device.state());
            }
            case "child-lock" -> {
                childLock = !childLock;
                yield Future.succeededFuture("child lock " + (childLock ? "on" : "off"));
            }
            default -> Future.failedFuture("a vacuum has no function '" + function + "'");
        };
    }

    private Future<String> startCleaning() {
        if (VacuumState.ERROR.wireName().equals(device.state())) {
            return Future.failedFuture("vacuum is in error");
        }
        if (VacuumState.CLEANING.wireName().equals(device.state())) {
            return Future.succeededFuture("already cleaning");
        }
        enter(VacuumState.CLEANING);
        device.cancelTimer(runTimer);
        runTimer = device.setTimer(CLEANING_RUN, () -> {
            enter(VacuumState.RETURNING);
            runTimer = device.setTimer(RETURN_TRIP, () -> enter(VacuumState.DOCKED));
        });
        return Future.succeededFuture("cleaning started");
    }

    private void enter(VacuumState state) {
        device.state(state.wireName(), state.activity);
    }

    private void reportStatus(String function, String probeId) {
        device.emit("status", function, probeId, new JsonObject().put("state", device.state()).put("childLock", childLock));
    }
}
