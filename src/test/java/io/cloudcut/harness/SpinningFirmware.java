package io.cloudcut.harness;

import io.cloudcut.device.Activity;
import io.cloudcut.device.DeviceContext;
import io.cloudcut.device.Firmware;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;

import java.time.Duration;

/** A doorbell's firmware that keeps its event loop busy on a press for as long as {@link #spinFor} says. */
abstract class SpinningFirmware implements Firmware {

    private DeviceContext device;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        device.state("idle", Activity.AT_REST);
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        Duration spin = spinFor(device.clock());
        if (spin.isZero()) {
            return Future.succeededFuture("pressed");
        }
        long until = System.nanoTime() + spin.toNanos();
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        return Future.succeededFuture("pressed after " + spins + " spins");
    }

    /** How long this press keeps the loop busy: zero for a quick one. */
    abstract Duration spinFor(ScenarioClock clock);
}
