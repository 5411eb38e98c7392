package io.cloudcut.bench;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Durations;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Both sides of one bench run and their ratios (fleet over bare clients): a ratio of 1 means the
 * harness costs nothing on that figure; connect under 1 is the price of signing in and of the
 * proxy, heap over 1 the price of firmware, outbox and link per device. The connect ratio is split
 * at the proxy: the bare clients' connects through it over theirs straight to the broker (the hop,
 * which every device's connection takes), and the fleet's over the bare clients' through it (the
 * rest of the harness).
 */
public final class BenchResult {

    /**
     * From this share of a core spent compiling while either side connected, the table says so: both
     * sides' connects are bound by the CPU, and the compiler's time falls into one window or the other
     * by chance (C2 took 25-70% of a core in the connect windows of 1,000-device runs, and the connect
     * ratio ranged 0.59-1.15 over eleven runs of the same code).
     */
    static final double COMPILING_NOTED_PERCENT = 25;

    private final String what;
    /** The scale of the fleet's baseline that the bare clients published at the pace of. */
    private final double paceScale;
    /** The MQTT messages a real second the harness carries with this fleet, which auto kept it under. */
    private final double carriedPerSecond;
    private final BareFigures bare;
    private final FleetFigures fleet;

    BenchResult(String what, double paceScale, double carriedPerSecond, BareFigures bare, FleetFigures fleet) {
        this.what = what;
        this.paceScale = paceScale;
        this.carriedPerSecond = carriedPerSecond;
        this.bare = bare;
        this.fleet = fleet;
    }

    public double connectRatio() {
        return ratio(fleet.side().connects().perSecond(), bare.side().connects().perSecond());
    }

    /** Bare clients through the fault proxy over bare clients straight to the broker: what the proxy's hop leaves of the connect rate. */
    public double proxyHopRatio() {
        return ratio(bare.throughProxy().perSecond(), bare.side().connects().perSecond());
    }

    /** The fleet over bare clients through the fault proxy: what the rest of the harness leaves of the connect rate. */
    public double connectBeyondProxyRatio() {
        return ratio(fleet.side().connects().perSecond(), bare.throughProxy().perSecond());
    }

    /**
     * The fleet's events a second over the bare clients', who publish at the pace of the fleet's planned baseline: a
     * fleet whose clock ran slower, or that was measured again at a lower scale (a baseline refused for the harness's
     * load at {@code auto}), carried less of the same traffic, and the ratio says so.
     */
    public double throughputRatio() {
        return ratio(fleet.side().eventsPerSecond(), bare.side().eventsPerSecond());
    }

    /** The fleet's baseline scale over the one the bare clients' pace was set for: 1 unless the fleet was measured again. */
    private double paceShare() {
        return paceScale <= 0 ? 1 : fleet.timeScale() / paceScale;
    }

    /** NaN when either side's heap could not be measured ({@link #heapKilobytes}). */
    public double heapRatio() {
        return Double.isNaN(heapKilobytes(bare.side())) || Double.isNaN(heapKilobytes(fleet.side())) ? Double.NaN
                : ratio(fleet.side().heapBytesPerClient(), bare.side().heapBytesPerClient());
    }

    /**
     * What a side's clients hold, in KB each; NaN if it could not be measured: a side whose process held no more after
     * a collection once its clients were up than before them (a bench run read its bare clients at 0.0 KB so, and its
     * heap ratio at 0.00).
     */
    private static double heapKilobytes(Side side) {
        return side.heapBytesPerClient() > 0 ? side.heapBytesPerClient() / 1024.0 : Double.NaN;
    }

    /** Whether the fleet's baseline was healthy: if not, its figures are the harness's limits, not the devices'. */
    public boolean fleetHealthy() {
        return fleet.healthy();
    }

    /** The last line of the table, for scripts: {@code ratio connect=X throughput=Y heap=Z}. */
    public String ratioLine() {
        double heap = heapRatio();
        return String.format(Locale.ROOT, "ratio connect=%.2f throughput=%.2f heap=%s", connectRatio(),
                throughputRatio(), Double.isNaN(heap) ? "n/a" : String.format(Locale.ROOT, "%.2f", heap));
    }

    public String table() {
        Side raw = bare.side();
        Side run = fleet.side();
        Connects proxied = bare.throughProxy();
        StringBuilder out = new StringBuilder();
        out.append("bench: ").append(what).append('\n');
        out.append(String.format(Locale.ROOT, "%-22s %16s %16s %16s%n", "", "bare clients", "bare via proxy", "fleet"));
        row(out, "connect (per s)", "%,.0f", raw.connects().perSecond(), proxied.perSecond(), run.connects().perSecond());
        row(out, "events via broker (per s)", "%,.1f", raw.eventsPerSecond(), Double.NaN, run.eventsPerSecond());
        if (paceShare() != 1) {
            out.append(String.format(Locale.ROOT, "events: the fleet's baseline ran at %sx, not the %sx the bare clients published "
                    + "at the pace of (auto ran it again slower, its first baseline refused for the harness's load): it carried "
                    + "at most %.2f of their traffic, and the throughput ratio counts it so%n", Durations.number(fleet.timeScale()),
                    Durations.number(paceScale), paceShare()));
        }
        row(out, "heap per client (KB)", "%,.1f", heapKilobytes(raw), Double.NaN, heapKilobytes(run));
        if (Double.isNaN(heapRatio())) {
            out.append("heap: could not be measured for ").append(Double.isNaN(heapKilobytes(raw)) ? "the bare clients" : "the fleet")
                    .append(": the process held no more after a collection once they were up than before them; no heap ratio\n");
        }
        row(out, "threads added", "%,.0f", raw.threadsAdded(), Double.NaN, run.threadsAdded());
        row(out, "CPU (% of a core)", "%,.0f", raw.cpuPercent(), Double.NaN, run.cpuPercent());
        row(out, "CPU per connect (ms)", "%,.2f", raw.connects().cpuMillisEach(), proxied.cpuMillisEach(), run.connects().cpuMillisEach());
        row(out, "JIT compiling (% core)", "%,.0f", raw.connects().compilePercent(), proxied.compilePercent(), run.connects().compilePercent());
        if (Math.max(raw.connects().compilePercent(), run.connects().compilePercent()) >= COMPILING_NOTED_PERCENT) {
            out.append(String.format(Locale.ROOT, "connect: the JIT compiler took %.0f%% of a core while the bare clients connected "
                    + "and %.0f%% while the fleet did; both sides are bound by the CPU, so the connect ratio moves with "
                    + "where its work falls from run to run%n", raw.connects().compilePercent(), run.connects().compilePercent()));
        }
        out.append(String.format(Locale.ROOT, "connect: through the fault proxy (no faults), the bare clients connected at %.2f of "
                + "their rate straight to the broker (%.2f ms of CPU a connect against %.2f): every device's connection takes "
                + "that hop, and the fleet connected at %.2f of them%n", proxyHopRatio(), proxied.cpuMillisEach(),
                raw.connects().cpuMillisEach(), connectBeyondProxyRatio()));
        out.append(String.format(Locale.ROOT, "bare clients: %,.0f events a second via the broker when each published its next on "
                + "the last one's acknowledgement (the raw ceiling); the harness carries about %,.0f messages a second here%n",
                bare.eventsCeilingPerSecond(), carriedPerSecond));
        out.append(String.format(Locale.ROOT, "fleet: every device connected in %.1f s and signed in by %.1f s%n",
                run.connects().seconds(), fleet.signedInSeconds()));
        out.append(String.format(Locale.ROOT, "fleet: the emulated cloud's services held %.1f MB before the devices started "
                + "(the harness's, as the broker's heap is: not in the devices' heap)%n", fleet.cloudHeapBytes() / 1048576.0));
        out.append(String.format(Locale.ROOT, "fleet: phases %s; run %.1f s%n", fleet.phaseSeconds().entrySet().stream()
                .map(phase -> String.format(Locale.ROOT, "%s %.1f s", phase.getKey(), phase.getValue()))
                .collect(Collectors.joining(", ")), fleet.runSeconds()));
        out.append("fleet: storm: ").append(storm()).append('\n');
        health(out, fleet.baseline());
        health(out, fleet.run());
        out.append(String.format(Locale.ROOT, "fleet: %.1f device-hours per real second (%d devices, the baseline at %sx of "
                        + "the %sx planned)%s%n", fleet.deviceHoursPerRealSecond(), run.clients(),
                Durations.number(Math.round(fleet.baselineTimeScale())), Durations.number(fleet.timeScale()),
                fleet.healthy() ? "" : ", NOT a measurement: the baseline was not healthy"));
        out.append(ratioLine()).append('\n');
        return out.toString();
    }

    private static String times(long count) {
        return count + (count == 1 ? " time" : " times");
    }

    private String storm() {
        int devices = fleet.side().clients();
        if (fleet.recovered() < 0) {
            return "not reached, the run stopped after its baseline";
        }
        if (fleet.lastBackSeconds() < 0) {
            return "no device was found working again after the outage (0 of " + devices + ")";
        }
        List<String> waits = new ArrayList<>();
        if (fleet.waits().cloud() > 0) {
            waits.add(times(fleet.waits().cloud()) + " while the emulated cloud caught up");
        }
        if (fleet.waits().connections() > 0) {
            waits.add(times(fleet.waits().connections()) + " while this machine's connections were slow");
        }
        List<String> clock = new ArrayList<>();
        if (!waits.isEmpty()) {
            clock.add("the clock ran in real time " + String.join(", and ", waits));
        }
        if (fleet.waits().connectDelaySlowdowns() > 0) {
            clock.add((waits.isEmpty() ? "the clock's" : "its") + " climb slowed " + times(fleet.waits().connectDelaySlowdowns())
                    + " for this machine's connects");
        }
        if (fleet.waits().connectRateSlowdowns() > 0) {
            clock.add((clock.isEmpty() ? "the clock" : "it") + " ran slower " + times(fleet.waits().connectRateSlowdowns())
                    + " for the rate of the fleet's connects");
        }
        if (fleet.waits().attempts() > 0) {
            clock.add((clock.isEmpty() ? "the clock" : "it") + " stood still " + times(fleet.waits().attempts())
                    + " while connect attempts due at once waited for their turn");
        }
        String waited = clock.isEmpty() ? "" : " (over the run, " + String.join("; ", clock) + ")";
        String reconnected = fleet.lastReconnectedSeconds() < 0 ? "" : String.format(Locale.ROOT,
                "; connected again, the last %.1f s after it", fleet.lastReconnectedSeconds());
        return String.format(Locale.ROOT, "%d of %d devices working again, the last %.1f s after the outage ended%s%s%s",
                fleet.recovered(), devices, fleet.lastBackSeconds(), reconnected, waited, fleet.run() == null || fleet.run().healthy() ? ""
                        : ", NOT a measurement of the devices: the harness was not healthy over the run (below)");
    }

    public JsonObject toJson() {
        return new JsonObject().put("bench", what).put("bare", bare.toJson()).put("fleet", fleet.toJson())
                .put("ratio", new JsonObject().put("connect", connectRatio()).put("throughput", throughputRatio())
                        .put("heap", Double.isNaN(heapRatio()) ? null : heapRatio()).put("proxyHop", proxyHopRatio()).put("connectBeyondProxy", connectBeyondProxyRatio()));
    }

    /** A figure of NaN is one that side does not measure. */
    private static void row(StringBuilder out, String name, String format, double... figures) {
        out.append(String.format(Locale.ROOT, "%-22s", name));
        for (double figure : figures) {
            out.append(String.format(Locale.ROOT, " %16s", Double.isNaN(figure) ? "-" : String.format(Locale.ROOT, format, figure)));
        }
        out.append('\n');
    }

    private static void health(StringBuilder out, HealthObserved health) {
        if (health != null) {
            out.append("fleet: ").append(health.summary()).append('\n');
            health.problems().forEach(problem -> out.append("fleet:   - ").append(problem).append('\n'));
        }
    }

    private static double ratio(double fleet, double bare) {
        return bare <= 0 ? 0 : fleet / bare;
    }
}
