package io.cloudcut.harness;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FaultSpec;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.TimeScale;
import io.cloudcut.scenario.Trigger;

import java.time.Duration;

/**
 * The MQTT traffic a fleet makes per hour of scenario time, and so per real second at a time scale:
 * a compressed clock multiplies it, so that 1,000 devices at 3600x carry the load of 3.6 million
 * in real time. Counted in PUBLISH packets through the broker (each also acknowledged): token
 * renewals (request and answer), status reports (to ingest, then to the app), and the probes'
 * round trips through the cloud.
 *
 * @param perScenarioHour publishes the whole fleet makes per hour of scenario time
 * @param leastSlow        what the scenario's least slow cloud service adds a request; null when none is slow
 * @param capacity         what the harness carries where the fleet runs
 */
record Traffic(double perScenarioHour, Duration leastSlow, Capacity capacity) {

    /** The fleet's traffic with the harness in this process. */
    static Traffic of(Scenario scenario) {
        return of(scenario, Capacity.of(scenario, 0));
    }

    static Traffic of(Scenario scenario, Capacity capacity) {
        double probeRoundsPerHour = probeRoundsPerHour(scenario);
        double perHour = 0;
        // External devices too: their messages cross this process's proxy, cloud and broker.
        for (FleetEntry entry : scenario.devicesByModel()) {
            DeviceModel model = scenario.model(entry.model());
            // A device renews each token half-way through its life on average (CloudSession: with three to five eighths left).
            double renewals = 3600.0 / (model.session().tokenTtl().toSeconds() / 2.0);
            double status = 3600.0 / model.statusEvery().toSeconds();
            double probes = model.functions().stream().mapToInt(Traffic::publishesPerProbe).sum() * probeRoundsPerHour;
            perHour += entry.count() * (2 * renewals + 2 * status + probes);
        }
        return new Traffic(perHour, LatencyResolution.leastSlow(scenario).map(FaultSpec::latency).orElse(null), capacity);
    }

    /**
     * The scale {@code phase} runs at: its own or the run's, at most the fastest whole scale at which its
     * probe rounds start {@link Capacity#probesPerSecond}. Each round's probes are spread over the first half
     * of the round's spacing in scenario time, so a short phase's rounds come denser than a long one's
     * at the same scale, which the run's average traffic does not show. A recovery phase probes each
     * device on its own, and is not held to it.
     */
    static double phaseScale(Scenario scenario, Phase phase, double runScale, Capacity capacity) {
        return Math.min(wantedScale(phase, runScale), probeCeiling(scenario, phase, capacity));
    }

    /** What the progress line adds when {@link #phaseScale} holds the phase below its scale; empty if it does not. */
    static String heldBack(Scenario scenario, Phase phase, double runScale, Capacity capacity) {
        double wanted = wantedScale(phase, runScale);
        double scale = phaseScale(scenario, phase, runScale, capacity);
        return scale >= wanted ? "" : String.format(", at most %sx: at %sx its probe rounds would start about %,.0f "
                        + "probes a real second, and the harness starts about %,.0f", Durations.number(scale),
                Durations.number(wanted), probesPerRealSecond(scenario, phase, wanted), capacity.probesPerSecond());
    }

    private static double wantedScale(Phase phase, double runScale) {
        return phase.timeScale() != null ? phase.timeScale() : runScale;
    }

    private static double probeCeiling(Scenario scenario, Phase phase, Capacity capacity) {
        double atOne = probesPerRealSecond(scenario, phase, 1);
        if (phase.kind() == PhaseKind.RECOVERY || atOne == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, Math.floor(capacity.probesPerSecond() / atOne));
    }

    /** How many probes a real second {@code phase}'s rounds start at {@code scale}: a round's probes over half its spacing. */
    private static double probesPerRealSecond(Scenario scenario, Phase phase, double scale) {
        long perRound = 0;
        for (FleetEntry entry : scenario.devicesByModel()) {
            perRound += (long) entry.count() * scenario.model(entry.model()).functions().size();
        }
        double spreadSeconds = scenario.probe().spacing(phase.duration()).dividedBy(2).toNanos() / 1e9;
        return perRound * scale / spreadSeconds;
    }

    /** Publishes per real second at {@code scale}. */
    double perRealSecond(double scale) {
        return perScenarioHour * scale / 3600;
    }

    /** The fastest scale whose traffic this machine carries, at most {@link TimeScale#AUTO_CEILING}. */
    double fastestCarriedScale() {
        return scaleCarrying(1);
    }

    /** The scale {@code auto} picks: the fastest carried, at the share of it where the least slow service shows. */
    double autoScale() {
        return scaleCarrying(slowShare());
    }

    /** The share of what this machine carries at which a baseline hides less than the least slow service adds; 1 if none is slow. */
    double slowShare() {
        return leastSlow == null ? 1 : Math.min(1, (double) leastSlow.toMillis() / capacity.hiddenAtTheWholeShare().toMillis());
    }

    private double scaleCarrying(double share) {
        return Math.min(TimeScale.AUTO_CEILING, Math.max(1, Math.floor(capacity.messagesPerSecond() * share * 3600 / perScenarioHour)));
    }

    /** An app command: app to commands, commands to device, the device's reply, commands to app; a device's event: to ingest, on to the app or notify, then the phone. */
    private static int publishesPerProbe(FunctionSpec function) {
        if (function.isLocal()) {
            return 0;
        }
        return function.trigger() == Trigger.APP ? 4 : 3;
    }

    private static double probeRoundsPerHour(Scenario scenario) {
        double rounds = 0;
        for (Phase phase : scenario.phases()) {
            if (phase.kind() != PhaseKind.RECOVERY) {
                Duration spacing = scenario.probe().spacing(phase.duration());
                rounds += Math.max(1, phase.duration().toNanos() / spacing.toNanos());
            }
        }
        return rounds * 3600 / scenario.duration().toSeconds();
    }
}
