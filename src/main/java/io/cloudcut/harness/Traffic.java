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
 */
record Traffic(double perScenarioHour, Duration leastSlow) {

    /** The cores this process may use (a container's limit included): what the harness carries grows with them. */
    static final int CORES = Runtime.getRuntime().availableProcessors();
    /**
     * Publishes per real second this harness carries for each core, with the embedded broker in the same
     * process. Measured on 2 cores on the native transport, with the probe rounds held to
     * {@link #PROBES_CARRIED_PER_SECOND}: at 4,500 a core, 4,500 devices of {@code kinesis-2020} ran at 160x with a
     * healthy baseline (0 of 96,000 probes failed, lag p99 30 ms) and run, and met all 11 expectations; 1,020 at 708x
     * (lag p99 21 ms, CPU 79%); {@code bench}'s 1,000 devices kept 653-671x of their 675x baseline and carried all
     * their telemetry in seven runs of eight (the eighth: 468x, the clock held for a cloud fallen behind, as in three
     * runs of eleven at 3,500). At 3,500 a core, 124x and 551x, bench at 518-522x of 525x; at 3,000 (5 December), 1,020
     * devices of {@code kinesis-2020} at 472x (lag p99 37 ms, CPU 80%), 1,000 of {@code short-outage} at 514x (lag p99
     * 64 ms). At 4,500 a core before observations stopped crossing JSON within a process, bench's baseline fell to
     * 486x of 675x planned, its telemetry to 0.72 of the bare clients'. Beyond
     * 2 cores the figure is scaled, not measured. The auto scale keeps a fleet under it, and a requested scale above
     * it is refused; the health check judges what the estimate cannot.
     */
    static final double CARRIED_PER_SECOND = 4_500.0 * CORES;
    /**
     * Probes per real second the harness starts with a healthy baseline, for each core: on 2 cores 9,000 for 1,000
     * devices in one process ({@code bench}'s baseline at 653-671x of 675x, probe delay p99 16-46 ms; the 10,000-device
     * storm's on three workers at 22x asked stayed healthy, 0 of 120,000 failed, lag p99 110 ms); 7,000 since
     * observations stopped crossing JSON (518-522x of 525x, probe delay p99 16-20 ms); 6,000 before ({@code bench}'s baseline at 450x, probe delay p99 11 ms;
     * {@code short-outage}'s dense rounds at 514x, 41 ms), where 9,000 slowed bench's clock by a quarter. 10,000 devices on three workers on the
     * same machine, whose probes also cross the event bus, had a healthy baseline at 6,000 with less margin (233 of
     * 120,000 failed, lag p99 100 ms) than at 2,800 (none failed, 19-29 ms). The outage of a 10,000-device
     * broker-restart storm at the same 21x started its rounds at about 16,800 a second (a short phase's rounds are
     * denser): the coordinator's event-bus connections to the workers backed up with probe requests, missed their
     * pings and were closed, and the workers stopped their devices.
     */
    static final double PROBES_CARRIED_PER_SECOND = 4_500.0 * CORES;

    /**
     * How much slower than in the baseline a cloud function could get and still read KEPT, per unit of
     * {@link #CARRIED_PER_SECOND}'s share that {@code auto} uses, with margin: what a baseline hides grows with the
     * harness's load. {@code slow-cloud}'s 1,000 devices hid 956-1,112 ms at the whole share (806x), 438-672 ms at
     * 37% (300x, refused for its 500 ms slowdown) and 352 ms at 19% (150x), where every cloud function read DEGRADED
     * as with 8 devices. A scenario with a slow service gets {@code auto} at the share its least slow one shows at.
     */
    static final Duration HIDDEN_AT_THE_WHOLE_SHARE = Duration.ofMillis(2_500);

    static Traffic of(Scenario scenario) {
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
        return new Traffic(perHour, LatencyResolution.leastSlow(scenario).map(FaultSpec::latency).orElse(null));
    }

    /**
     * The scale {@code phase} runs at: its own or the run's, at most the fastest whole scale at which its
     * probe rounds start {@link #PROBES_CARRIED_PER_SECOND}. Each round's probes are spread over the first half
     * of the round's spacing in scenario time, so a short phase's rounds come denser than a long one's
     * at the same scale, which the run's average traffic does not show. A recovery phase probes each
     * device on its own, and is not held to it.
     */
    static double phaseScale(Scenario scenario, Phase phase, double runScale) {
        return Math.min(wantedScale(phase, runScale), probeCeiling(scenario, phase));
    }

    /** What the progress line adds when {@link #phaseScale} holds the phase below its scale; empty if it does not. */
    static String heldBack(Scenario scenario, Phase phase, double runScale) {
        double wanted = wantedScale(phase, runScale);
        double scale = phaseScale(scenario, phase, runScale);
        return scale >= wanted ? "" : String.format(", at most %sx: at %sx its probe rounds would start about %,.0f "
                        + "probes a real second, and the harness starts about %,.0f", Durations.number(scale),
                Durations.number(wanted), probesPerRealSecond(scenario, phase, wanted), PROBES_CARRIED_PER_SECOND);
    }

    private static double wantedScale(Phase phase, double runScale) {
        return phase.timeScale() != null ? phase.timeScale() : runScale;
    }

    private static double probeCeiling(Scenario scenario, Phase phase) {
        double atOne = probesPerRealSecond(scenario, phase, 1);
        if (phase.kind() == PhaseKind.RECOVERY || atOne == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, Math.floor(PROBES_CARRIED_PER_SECOND / atOne));
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
        return leastSlow == null ? 1 : Math.min(1, (double) leastSlow.toMillis() / HIDDEN_AT_THE_WHOLE_SHARE.toMillis());
    }

    private double scaleCarrying(double share) {
        return Math.min(TimeScale.AUTO_CEILING, Math.max(1, Math.floor(CARRIED_PER_SECOND * share * 3600 / perScenarioHour)));
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
