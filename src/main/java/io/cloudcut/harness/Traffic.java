package io.cloudcut.harness;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FleetEntry;
import io.cloudcut.scenario.FunctionSpec;
import io.cloudcut.scenario.Phase;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.Scenario;
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
 */
record Traffic(double perScenarioHour) {

    /**
     * Publishes per real second this harness carries on one machine with the embedded broker in the
     * same process, with a margin: on 2 cores, 1,000 devices of {@code short-outage} had a healthy
     * baseline at 340x (about 3,000 per real second) and not at 480x (4,200: 7% of the baseline's
     * probes failed). The auto scale keeps a fleet under it, and a requested scale above it is
     * refused; the health check judges what the estimate cannot.
     */
    static final double CARRIED_PER_SECOND = 2_000;
    /** The fastest scale {@code auto} picks, so that firmware deadlines stay apart by more than a timer's grain. */
    static final double AUTO_CEILING = 3_600;

    static Traffic of(Scenario scenario) {
        double probeRoundsPerHour = probeRoundsPerHour(scenario);
        double perHour = 0;
        // External devices too: their messages cross this process's proxy, cloud and broker.
        for (FleetEntry entry : scenario.devicesByModel()) {
            DeviceModel model = scenario.model(entry.model());
            double renewals = 3600.0 / (model.session().tokenTtl().toSeconds() / 2.0);
            double status = 3600.0 / model.statusEvery().toSeconds();
            double probes = model.functions().stream().mapToInt(Traffic::publishesPerProbe).sum() * probeRoundsPerHour;
            perHour += entry.count() * (2 * renewals + 2 * status + probes);
        }
        return new Traffic(perHour);
    }

    /** Publishes per real second at {@code scale}. */
    double perRealSecond(double scale) {
        return perScenarioHour * scale / 3600;
    }

    /** The fastest scale whose traffic this machine carries, at most {@link #AUTO_CEILING}. */
    double fastestCarriedScale() {
        return Math.min(AUTO_CEILING, Math.max(1, Math.floor(CARRIED_PER_SECOND * 3600 / perScenarioHour)));
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
