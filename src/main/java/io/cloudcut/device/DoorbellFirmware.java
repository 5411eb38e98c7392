package io.cloudcut.device;

import io.cloudcut.scenario.FunctionSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A smart doorbell: a press rings the chime in the house and sends a ring event for the owner's
 * phone; motion sends a motion event; the app can open a live view; clips can be recorded locally.
 * Where the model's chime is a cloud function, the chime is a plug-in speaker that rings only when
 * the cloud's push reaches it.
 */
final class DoorbellFirmware implements Firmware {

    private DeviceContext device;
    private long clipsStored;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        device.state("idle", Activity.AT_REST);
        device.setPeriodic(device.model().statusEvery(), () ->
                device.emit("status", "status", null, new JsonObject().put("state", device.state())));
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "chime" -> {
                if (chimeIsWired()) {
                    ring(null);
                    yield Future.succeededFuture("ding-dong");
                }
                // A plug-in chime hears the ring from the cloud, like the phone does.
                device.emit("ring", function, probeId, new JsonObject());
                yield Future.succeededFuture("ring sent to the chime through the cloud");
            }
            case "push-notification" -> {
                ring(probeId);
                yield Future.succeededFuture("ring sent");
            }
            case "motion-alert" -> {
                device.emit("motion", function, probeId, new JsonObject());
                yield Future.succeededFuture("motion sent");
            }
            case "live-view" -> Future.succeededFuture("streaming");
            case "record-clip" -> {
                clipsStored++;
                yield Future.succeededFuture("clip " + clipsStored + " stored locally");
            }
            default -> Future.failedFuture("a doorbell has no function '" + function + "'");
        };
    }

    private boolean chimeIsWired() {
        return device.model().function("chime").map(FunctionSpec::isLocal).orElse(true);
    }

    /** A press rings in the house and tells the cloud, which pushes it to the phone. */
    private void ring(String probeId) {
        device.emit("ring", "push-notification", probeId, new JsonObject());
    }
}
