package io.cloudcut.bench;

import io.cloudcut.observation.HealthObserved;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What the fleet run adds to its {@link Side} (whose heap and threads are counted from when the emulated
 * cloud was up): the heap the cloud's services held, not counted as the devices'; when every device had signed in (after connecting:
 * the cloud's auth answering each), the time scale its baseline was to run at and the one it kept (its
 * scenario time over its real length: lower when the clock stood still for the harness), each phase's real length,
 * the storm (devices working again after the outage, -1 when the run stopped before it, and when
 * the last one was, in real seconds from the outage's end; when the last device cut by it had connected
 * again, -1 if none had), how often the clock waited for the harness ({@link ClockWaits}), and the harness's health over the baseline
 * and the whole run.
 */
record FleetFigures(Side side, long cloudHeapBytes, double signedInSeconds, double timeScale, double baselineTimeScale, Map<String, Double> phaseSeconds, double runSeconds, int recovered,
                    double lastBackSeconds, double lastReconnectedSeconds, ClockWaits waits, HealthObserved baseline, HealthObserved run) {

    /** The figure of merit of a compressed run: scenario device-hours per real second, at the scale the baseline kept. */
    double deviceHoursPerRealSecond() {
        return side.clients() * baselineTimeScale / 3600;
    }

    boolean healthy() {
        return baseline != null && baseline.healthy();
    }

    JsonObject toJson() {
        JsonObject phases = new JsonObject();
        phaseSeconds.forEach(phases::put);
        return side.toJson().put("cloudHeapBytes", cloudHeapBytes).put("signedInSeconds", signedInSeconds).put("timeScale", timeScale)
                .put("baselineTimeScale", baselineTimeScale).put("deviceHoursPerRealSecond", deviceHoursPerRealSecond())
                .put("phaseSeconds", phases).put("runSeconds", runSeconds).put("recovered", recovered)
                .put("lastBackSeconds", lastBackSeconds).put("lastReconnectedSeconds", lastReconnectedSeconds).mergeIn(waits.toJson()).put("healthy", healthy())
                .put("baseline", health(baseline)).put("run", health(run));
    }

    private static JsonObject health(HealthObserved health) {
        return health == null ? null : new JsonObject().put("probes", health.probes())
                .put("probesFailed", health.probesFailed()).put("lagP99Millis", health.lagP99Millis())
                .put("probeDelayP99Millis", health.probeDelayP99Millis()).put("cpuPercent", health.cpuPercent())
                .put("healthy", health.healthy()).put("problems", health.problems());
    }
}
