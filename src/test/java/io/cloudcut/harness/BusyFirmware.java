package io.cloudcut.harness;

import io.cloudcut.device.Activity;
import io.cloudcut.device.DeviceContext;
import io.cloudcut.device.Firmware;
import io.vertx.core.Future;

/**
 * A firmware that keeps its event loop busy for 150 ms on every press once the scenario clock has
 * started, as a fleet far too large for the machine keeps the harness's loops busy: every timer and
 * probe behind it runs late. The warm-up's presses, before the clock starts, are quick: a harness
 * busy from its first probe would warm up for its whole limit first, and the test is about the run.
 */
public final class BusyFirmware implements Firmware {

    private static final long BUSY_NANOS = 150_000_000;

    private DeviceContext device;

    @Override
    public void start(DeviceContext device) {
        this.device = device;
        device.state("idle", Activity.AT_REST);
    }

    @Override
    public Future<String> perform(String function, String probeId) {
        if (!device.clock().started()) {
            return Future.succeededFuture("pressed");
        }
        long until = System.nanoTime() + BUSY_NANOS;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        return Future.succeededFuture("pressed after " + spins + " spins");
    }
}
