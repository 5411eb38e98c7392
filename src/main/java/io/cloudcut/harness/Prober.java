package io.cloudcut.harness;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.Trigger;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exercises one function of one device by its path and says how it went. A function the device
 * starts (button, sensor, schedule) gets a stimulus on the device's event-bus address (an external
 * device: its probe, an HTTP request); if it is a cloud function, it works only once the cloud has
 * delivered its result to the phone. A function the app starts goes through the commands service
 * and works when the device's reply comes back.
 */
final class Prober {

    private final Vertx vertx;
    private final Fleet fleet;
    private final PhoneApp app;
    private final ScenarioClock clock;
    private final AtomicLong ids = new AtomicLong();

    Prober(Vertx vertx, Fleet fleet, PhoneApp app, ScenarioClock clock) {
        this.fleet = fleet;
        this.vertx = vertx;
        this.app = app;
        this.clock = clock;
    }

    Future<ProbeObserved> probe(String phase, int round, boolean settling, DeviceRef device, FunctionSpec function,
                                Duration timeout) {
        String probeId = "p" + ids.incrementAndGet();
        long startedAt = clock.nowMillis();
        long started = System.nanoTime();
        Future<String> outcome = function.trigger() == Trigger.APP
                ? viaApp(device, function, probeId, timeout)
                : onDevice(device, function, probeId, timeout);
        return outcome.transform(done -> {
            long latency = (System.nanoTime() - started) / 1_000_000;
            ProbeOutcome result;
            String detail;
            if (done.succeeded()) {
                result = ProbeOutcome.OK;
                detail = done.result();
            } else {
                result = done.cause() instanceof ProbeRefused refused ? refused.outcome() : ProbeOutcome.TIMED_OUT;
                detail = done.cause().getMessage();
            }
            return Future.succeededFuture(new ProbeObserved(startedAt, phase, round, settling, device.id(), device.model().id(),
                    function.name(), WireNames.of(function.path()), result, latency, detail));
        });
    }

    private Future<String> viaApp(DeviceRef device, FunctionSpec function, String probeId, Duration timeout) {
        Future<JsonObject> reply = app.await(probeId, timeout);
        app.command(device.id(), function.name(), probeId);
        return reply.recover(noReply -> Future.failedFuture("no reply through the cloud within " + timeout.toMillis() + " ms"))
                .compose(body -> body.getBoolean("ok", false)
                        ? Future.succeededFuture(body.getString("detail", "ok"))
                        : Future.failedFuture(new ProbeRefused(CloudTopics.BY_CLOUD.equals(body.getString("by"))
                                ? ProbeOutcome.CLOUD_ERROR : ProbeOutcome.REFUSED, body.getString("detail", "refused"))));
    }

    private Future<String> onDevice(DeviceRef device, FunctionSpec function, String probeId, Duration timeout) {
        Future<JsonObject> delivered = function.isLocal() ? null : app.await(probeId, timeout);
        Future<String> onTheDevice = fleet.stimulate(device, function, probeId, timeout);
        if (delivered == null) {
            return onTheDevice;
        }
        return onTheDevice.compose(
                sent -> delivered.transform(cloud -> cloud.succeeded()
                        ? Future.succeededFuture(sent + ", delivered by the cloud")
                        : Future.failedFuture("the cloud did not deliver it within " + timeout.toMillis() + " ms")),
                refused -> Future.failedFuture(refused));
    }

    /** The device or the cloud answered and said no, as opposed to not answering at all. */
    static final class ProbeRefused extends RuntimeException {
        private final ProbeOutcome outcome;

        ProbeRefused(ProbeOutcome outcome, String reason) {
            super(reason, null, false, false);
            this.outcome = outcome;
        }

        ProbeOutcome outcome() {
            return outcome;
        }
    }
}
