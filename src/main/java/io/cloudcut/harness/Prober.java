package io.cloudcut.harness;

import io.cloudcut.cloud.CloudTopics;
import io.cloudcut.cloud.Holds;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.scenario.StateProbe;
import io.cloudcut.scenario.Trigger;
import io.cloudcut.scenario.WireNames;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongBinaryOperator;

/**
 * Exercises one function of one device by its path and says how it went. A function the device
 * starts (button, sensor, schedule) gets a stimulus on the device's event-bus address (an external
 * device: its probe, an HTTP request); if it is a cloud function, it works only once the cloud has
 * delivered its result to the phone. A function the app starts goes through the commands service
 * and works when the device's reply comes back, or, for an external device that answers on a state
 * topic of its own, when that state says so.
 */
final class Prober {

    private final Fleet fleet;
    private final PhoneApp app;
    private final ScenarioClock clock;
    /** How long the harness stalled between two real instants: the part of a probe's latency that was its doing. */
    private final LongBinaryOperator stalledMillis;
    private final AtomicLong ids = new AtomicLong();

    Prober(Fleet fleet, PhoneApp app, ScenarioClock clock, LongBinaryOperator stalledMillis) {
        this.fleet = fleet;
        this.app = app;
        this.clock = clock;
        this.stalledMillis = stalledMillis;
    }

    Future<ProbeObserved> probe(String phase, int round, boolean settling, DeviceRef device, FunctionSpec function,
                                ProbePatience patience) {
        String probeId = "p" + ids.incrementAndGet();
        long startedAt = clock.nowMillis();
        long started = System.nanoTime();
        Future<Answer> outcome = function.trigger() == Trigger.APP
                ? viaApp(device, function, probeId, patience)
                : onDevice(device, function, probeId, patience);
        return outcome.transform(done -> {
            long ended = System.nanoTime();
            long latency = (ended - started) / 1_000_000;
            ProbeOutcome result;
            Answer answer;
            Optional<String> heldTooLong = done.succeeded()
                    ? patience.heldTooLong(startedAt, done.result().heldMillis()) : Optional.empty();
            if (heldTooLong.isPresent()) {
                result = ProbeOutcome.TIMED_OUT;
                answer = done.result().tooLate(heldTooLong.get());
            } else if (done.succeeded()) {
                result = ProbeOutcome.OK;
                answer = done.result();
            } else {
                result = done.cause() instanceof ProbeRefused refused ? refused.outcome() : ProbeOutcome.TIMED_OUT;
                answer = new Answer(done.cause().getMessage());
            }
            return Future.succeededFuture(new ProbeObserved(startedAt, phase, round, settling, device.id(), device.model().id(),
                    function.name(), WireNames.of(function.path()), result, latency,
                    Math.min(latency, stalledMillis.applyAsLong(started, ended)), answer.heldMillis(),
                    Math.min(latency, answer.heldRealMillis()), answer.detail()));
        });
    }

    private Future<Answer> viaApp(DeviceRef device, FunctionSpec function, String probeId, ProbePatience patience) {
        StateProbe state = fleet.stateProbe(device, function);
        Future<JsonObject> reply = app.await(probeId, patience);
        Future<JsonObject> shown = state == null ? null
                : app.awaitState(state.topic(), answer -> answers(state, answer, probeId), patience);
        app.command(device.id(), function.name(), probeId);
        Future<Answer> replied = reply
                .recover(noReply -> Future.failedFuture("no reply through the cloud within " + patience))
                .compose(body -> body.getBoolean("ok", false)
                        ? Future.succeededFuture(Answer.of(body.getString("detail", "ok"), body))
                        : Future.failedFuture(new ProbeRefused(CloudTopics.BY_CLOUD.equals(body.getString("by"))
                                ? ProbeOutcome.CLOUD_ERROR : ProbeOutcome.REFUSED, body.getString("detail", "refused"))));
        return shown == null ? replied : onState(state, shown, replied, patience);
    }

    /**
     * The device's state decides: the function worked when the state says so. A reply that says no (the
     * cloud's, or the device's) is a refusal at once; no reply at all says nothing, as such a device may
     * answer only on its state topic.
     */
    private static Future<Answer> onState(StateProbe state, Future<JsonObject> shown, Future<Answer> replied,
                                          ProbePatience patience) {
        Promise<Answer> outcome = Promise.promise();
        shown.onComplete(done -> {
            if (done.succeeded()) {
                // The device's own state, not a message the cloud passed on: it says nothing of the cloud's holds.
                outcome.tryComplete(new Answer(state.field() + " = " + state.value() + " on " + state.topic()));
            } else {
                outcome.tryFail("no " + state.field() + " = " + state.value() + " on " + state.topic() + " within " + patience);
            }
        });
        replied.onFailure(failed -> {
            if (failed instanceof ProbeRefused) {
                outcome.tryFail(failed);
            }
        });
        return outcome.future();
    }

    /** A state answers the probe when its field holds the value, and it names no other request. */
    private static boolean answers(StateProbe state, JsonObject answer, String probeId) {
        String names = answer.getValue("requestId") instanceof String id ? id
                : answer.getValue("probeId") instanceof String id ? id : null;
        return state.means(answer.getValue(state.field())) && (names == null || names.equals(probeId));
    }

    private Future<Answer> onDevice(DeviceRef device, FunctionSpec function, String probeId, ProbePatience patience) {
        Future<JsonObject> delivered = function.isLocal() ? null : app.await(probeId, patience);
        Future<String> onTheDevice = fleet.stimulate(device, function, probeId, patience.timeout());
        if (delivered == null) {
            return onTheDevice.map(Answer::new);
        }
        return onTheDevice.compose(
                sent -> delivered.transform(cloud -> cloud.succeeded()
                        ? Future.succeededFuture(Answer.of(sent + ", delivered by the cloud", cloud.result()))
                        : Future.failedFuture("the cloud did not deliver it within " + patience)),
                refused -> Future.failedFuture(refused));
    }

    /** What answered a probe, and how long the cloud held that answer on the scenario clock, and in real time ({@link Holds}). */
    private record Answer(String detail, long heldMillis, long heldRealMillis) {
        Answer(String detail) {
            this(detail, 0, 0);
        }

        static Answer of(String detail, JsonObject message) {
            return new Answer(detail, message.getLong(Holds.HELD, 0L), message.getLong(Holds.HELD_REAL, 0L));
        }

        /** This answer, lost: held on the scenario clock for longer than its probe waits ({@link ProbePatience}). */
        Answer tooLate(String why) {
            return new Answer(why + ": " + detail, heldMillis, heldRealMillis);
        }
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
