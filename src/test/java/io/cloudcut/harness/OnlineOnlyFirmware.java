package io.cloudcut.harness;

import io.cloudcut.device.Activity;
import io.cloudcut.device.DeviceContext;
import io.cloudcut.device.Firmware;
import io.vertx.core.Future;

/**
 * A user's own firmware, written against the SPI: its Clean button asks the cloud first and refuses
 * while the device is offline, whatever the session policy says; its spot-clean works anywhere.
 */
public final class OnlineOnlyFirmware implements Firmware {

    private DeviceContext device;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        device.state("docked", Activity.AT_REST);
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        return switch (function) {
            case "clean-button" -> device.isConnected()
                    ? Future.succeededFuture("cleaning, as the cloud allowed")
                    : Future.failedFuture("this firmware needs the cloud right now");
            case "spot-clean" -> Future.succeededFuture("spot cleaned");
            default -> Future.failedFuture("no function " + function);
        };
    }
}
