package io.cloudcut.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a real-time constant, multiplied by the time scale, races a scenario duration, so that a
 * figure would come from the scale rather than from the devices. Once the run's scale is known (the
 * scenario's, or the one {@code auto} picked), each of these is a warning when the constant times
 * the scale is over {@link #SHARE} of the duration it races:
 * <ul>
 *   <li>a {@code slow} auth's latency, against the fleet's token TTLs: a renewal waits that long;</li>
 *   <li>a link {@code latency}, crossed twice by a renewal (once if the fault takes one direction),
 *   against the token TTLs of the models it delays;</li>
 *   <li>in a phase that loses packets ({@code loss}), what notices a lost packet (a model's
 *   {@code keepAlive} or {@code connectTimeout}, whichever is longer) against the model's token
 *   TTL: the device stays offline that long.</li>
 * </ul>
 * A probe's timeout races nothing: phases begin on time whatever their probes still wait for, and
 * a probe that times out is labelled with the phase it began in.
 * Each is judged at the scale its phase runs at between transitions (a phase's own
 * {@code timeScale}, or the run's); around transitions the clock runs at 1x and multiplies nothing.
 * Warnings never stop a run.
 */
public final class RealTimeRaces {

    /** A constant times the scale beyond this share of the duration it races is worth a warning. */
    static final double SHARE = 0.10;
    /** The service devices renew their session tokens with. */
    private static final String AUTH = WireNames.of(ServiceKind.AUTH);

    private final Scenario scenario;
    private final double runScale;
    private final List<ScenarioWarning> found = new ArrayList<>();

    private RealTimeRaces(Scenario scenario, double runScale) {
        this.scenario = scenario;
        this.runScale = runScale;
    }

    /**
     * The races in {@code scenario} run at {@code runScale} between transitions: the scenario file's in
     * its order, then the models' files'.
     */
    public static List<ScenarioWarning> find(Scenario scenario, double runScale) {
        RealTimeRaces races = new RealTimeRaces(scenario, runScale);
        Map<String, Phase> lossiestPhaseByModel = new TreeMap<>();
        for (WrittenFault written : WrittenFault.of(scenario)) {
            Phase phase = written.phase();
            FaultSpec fault = written.fault();
            if (fault.is(ServiceFault.SLOW) && fault.service().equals(AUTH)) {
                races.slowAuth(phase, fault, written.pointer());
            } else if (fault.is(LinkFaultKind.LATENCY)) {
                races.linkLatency(phase, fault, written.pointer());
            } else if (fault.is(LinkFaultKind.LOSS)) {
                scenario.modelsBehind(fault).forEach(model -> lossiestPhaseByModel.merge(model.id(), phase,
                        (one, other) -> races.scaleOf(one) >= races.scaleOf(other) ? one : other));
            }
        }
        lossiestPhaseByModel.forEach((model, phase) -> races.lostPacketNoticed(scenario.model(model), phase));
        return List.copyOf(races.found);
    }

    private void slowAuth(Phase phase, FaultSpec fault, String at) {
        renewalDelayed(phase, at, format(fault.latency()) + " of slow auth", fault.latency(), scenario.models().values());
    }

    private void linkLatency(Phase phase, FaultSpec fault, String at) {
        if (!(fault.attributes().get("latency") instanceof Number millis)) {
            return;
        }
        boolean bothWays = fault.direction() == null || fault.direction().equals("both");
        Duration latency = Duration.ofMillis(millis.longValue());
        renewalDelayed(phase, at, format(latency) + " of link latency, crossed " + (bothWays ? "twice" : "once")
                + " by a renewal,", latency.multipliedBy(bothWays ? 2 : 1), scenario.modelsBehind(fault));
    }

    /** A fault's {@code latency} that makes each token renewal of these models wait {@code realDelay}. */
    private void renewalDelayed(Phase phase, String at, String delay, Duration realDelay, Collection<DeviceModel> models) {
        Race race = new Race(realDelay, scaleOf(phase), shortestTokenTtl(models));
        if (race.close()) {
            found.add(scenario.sources().inScenario(at + "/attributes/latency", String.format("%s, %s is %s of "
                            + "scenario time, %d%% of %s: a renewal waits that long and may lapse because of the "
                            + "scale; %s", atScale(race), delay, format(race.scenarioTime()), race.percent(),
                    whoseTokenTtl(models), advice(phase))));
        }
    }

    private void lostPacketNoticed(DeviceModel model, Phase phase) {
        boolean byKeepAlive = model.keepAlive().compareTo(model.connectTimeout()) >= 0;
        String field = byKeepAlive ? "keepAlive" : "connectTimeout";
        Race race = new Race(byKeepAlive ? model.keepAlive() : model.connectTimeout(), scaleOf(phase),
                model.session().tokenTtl());
        if (race.close()) {
            found.add(scenario.sources().inModel(model.id(), "/" + field, String.format("%s in phase '%s', which "
                            + "loses packets, a lost packet is noticed only after this %s %s, %s of scenario time, %d%% of "
                            + "%s: the device stays offline that long and its session may lapse because of the scale; %s",
                    atScale(race), phase.name(), format(race.real), field, format(race.scenarioTime()), race.percent(),
                    whoseTokenTtl(List.of(model)), advice(phase))));
        }
    }

    private double scaleOf(Phase phase) {
        return phase.timeScale() != null ? phase.timeScale() : runScale;
    }

    private static Duration shortestTokenTtl(Collection<DeviceModel> models) {
        return models.stream().map(model -> model.session().tokenTtl()).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** {@code doorbell-cloud-only's 30m token TTL}, or {@code the 30m token TTL of a, b} when models share the shortest. */
    private static String whoseTokenTtl(Collection<DeviceModel> models) {
        Duration shortest = shortestTokenTtl(models);
        List<String> whose = models.stream().filter(model -> model.session().tokenTtl().equals(shortest))
                .map(DeviceModel::id).sorted().toList();
        return whose.size() == 1 ? whose.get(0) + "'s " + format(shortest) + " token TTL"
                : "the " + format(shortest) + " token TTL of " + String.join(", ", whose);
    }

    private static String advice(Phase phase) {
        return "use a slower timeScale, or one for phase '" + phase.name() + "' alone";
    }

    private static String atScale(Race race) {
        return "at " + Durations.number(race.scale) + "x";
    }

    private static String format(Duration duration) {
        return Durations.format(duration);
    }

    /** A real-time constant at a scale, against the scenario duration it races. */
    private record Race(Duration real, double scale, Duration raced) {

        Duration scenarioTime() {
            return Duration.ofNanos((long) (real.toNanos() * scale));
        }

        boolean close() {
            return scenarioTime().toNanos() > raced.toNanos() * SHARE;
        }

        long percent() {
            return Math.round(100.0 * scenarioTime().toNanos() / raced.toNanos());
        }
    }
}
