package io.cloudcut.device;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A smart doorbell: a press rings the chime in the house and sends a ring event for the owner's
 * phone; motion sends a motion event; the app can open a live view; clips can be recorded locally.
 */
final class DoorbellFirmware implements Firmware {

    private DeviceContext device;
    private long clipsStored;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        device.state("idle");
        device.setPeriodic(device.model().statusEvery(), () ->
                device.emit("status", "status", null, new JsonObject().put("state", device.state())));
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "chime" -> {
                ring(null);
                yield Future.succeededFuture("ding-dong");
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

    /** A press rings in the house and tells the cloud, which pushes it to the phone. */
    private void ring(String probeId) {
        device.emit("ring", "push-notification", probeId, new JsonObject());
    }
}
