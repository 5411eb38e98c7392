package io.cloudcut.harness;

import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.scenario.FunctionSpec;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * External devices report nothing of their own (no connection, no session): one is ready when one
 * round of its probes all work, through its link and the cloud. The baseline means something only
 * then. Rounds are not recorded. Blocking: call it from a plain thread.
 */
final class ExternalReadiness {

    private static final Duration BETWEEN_ROUNDS = Duration.ofMillis(200);

    private ExternalReadiness() {
    }

    /**
     * @throws InfrastructureException naming each device not ready and why, when they are not all within {@code limit}
     */
    static void await(Fleet fleet, Prober prober, Duration probeTimeout, Duration limit) throws InfrastructureException {
        List<DeviceRef> waiting = new ArrayList<>(fleet.devices().stream().filter(fleet::isExternal).toList());
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> failing = List.of();
        while (!waiting.isEmpty()) {
            List<Future<ProbeObserved>> probes = new ArrayList<>();
            for (DeviceRef device : waiting) {
                for (FunctionSpec function : device.model().functions()) {
                    probes.add(prober.probe("readiness", 0, true, device, function, ProbePatience.realTime(probeTimeout)));
                }
            }
            Waits.await(Future.join(probes), "probing the external devices");
            List<ProbeObserved> failed = probes.stream().map(Future::result).filter(probe -> !probe.ok()).toList();
            failing = failed.stream().map(probe -> probe.device() + " " + probe.function() + ": " + probe.outcome()
                    + " (" + probe.detail() + ")").toList();
            waiting.removeIf(device -> failed.stream().noneMatch(probe -> probe.device().equals(device.id())));
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new InfrastructureException("external devices not ready within " + limit.toSeconds()
                            + " s (each needs one round of probes that all work): " + String.join("; ", failing));
                }
                Waits.pause(BETWEEN_ROUNDS);
            }
        }
    }
}
