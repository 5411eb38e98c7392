package io.cloudcut.bench;

import io.cloudcut.harness.ScenarioRunner;
import io.cloudcut.observation.HealthObserved;
import io.cloudcut.scenario.Durations;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Both sides of one bench run and their ratios (fleet over bare clients): a ratio of 1 means the
 * harness costs nothing on that figure; connect under 1 is the price of signing in and of the
 * proxy, heap over 1 the price of firmware, outbox and link per device.
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
    private final BareFigures bare;
    private final FleetFigures fleet;

    BenchResult(String what, BareFigures bare, FleetFigures fleet) {
        this.what = what;
        this.bare = bare;
        this.fleet = fleet;
    }

    public double connectRatio() {
        return ratio(fleet.side().connectsPerSecond(), bare.side().connectsPerSecond());
    }

    public double throughputRatio() {
        return ratio(fleet.side().eventsPerSecond(), bare.side().eventsPerSecond());
    }

    public double heapRatio() {
        return ratio(fleet.side().heapBytesPerClient(), bare.side().heapBytesPerClient());
    }

    /** Whether the fleet's baseline was healthy: if not, its figures are the harness's limits, not the devices'. */
    public boolean fleetHealthy() {
        return fleet.healthy();
    }

    /** The last line of the table, for scripts: {@code ratio connect=X throughput=Y heap=Z}. */
    public String ratioLine() {
        return String.format(Locale.ROOT, "ratio connect=%.2f throughput=%.2f heap=%.2f", connectRatio(),
                throughputRatio(), heapRatio());
    }

    public String table() {
        Side raw = bare.side();
        Side run = fleet.side();
        StringBuilder out = new StringBuilder();
        out.append("bench: ").append(what).append('\n');
        out.append(String.format(Locale.ROOT, "%-22s %16s %16s%n", "", "bare clients", "fleet"));
        row(out, "connect (per s)", "%,.0f", raw.connectsPerSecond(), run.connectsPerSecond());
        row(out, "events via broker (per s)", "%,.1f", raw.eventsPerSecond(), run.eventsPerSecond());
        row(out, "heap per client (KB)", "%,.1f", raw.heapBytesPerClient() / 1024.0, run.heapBytesPerClient() / 1024.0);
        row(out, "threads added", "%,.0f", raw.threadsAdded(), run.threadsAdded());
        row(out, "CPU (% of a core)", "%,.0f", raw.cpuPercent(), run.cpuPercent());
        row(out, "CPU per connect (ms)", "%,.2f", raw.connectCpuMillisPerClient(), run.connectCpuMillisPerClient());
        row(out, "JIT compiling (% core)", "%,.0f", raw.connectCompilePercent(), run.connectCompilePercent());
        if (Math.max(raw.connectCompilePercent(), run.connectCompilePercent()) >= COMPILING_NOTED_PERCENT) {
            out.append(String.format(Locale.ROOT, "connect: the JIT compiler took %.0f%% of a core while the bare clients connected "
                    + "and %.0f%% while the fleet did; both sides are bound by the CPU, so the connect ratio moves with "
                    + "where its work falls from run to run%n", raw.connectCompilePercent(), run.connectCompilePercent()));
        }
        out.append(String.format(Locale.ROOT, "bare clients: %,.0f events a second via the broker when each published its next on "
                + "the last one's acknowledgement (the raw ceiling); the harness carries about %,.0f messages a second here%n",
                bare.eventsCeilingPerSecond(), ScenarioRunner.messagesCarriedPerSecond()));
        out.append(String.format(Locale.ROOT, "fleet: every device connected in %.1f s and signed in by %.1f s%n",
                run.connectSeconds(), fleet.signedInSeconds()));
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

    private String storm() {
        int devices = fleet.side().clients();
        if (fleet.recovered() < 0) {
            return "not reached, the run stopped after its baseline";
        }
        if (fleet.lastBackSeconds() < 0) {
            return "no device was found working again after the outage (0 of " + devices + ")";
        }
        String waited = fleet.cloudWaits() == 0 ? "" : String.format(Locale.ROOT, " (over the run, the clock ran in real time %d %s "
                + "while the emulated cloud caught up)", fleet.cloudWaits(), fleet.cloudWaits() == 1 ? "time" : "times");
        String reconnected = fleet.lastReconnectedSeconds() < 0 ? "" : String.format(Locale.ROOT,
                "; connected again, the last %.1f s after it", fleet.lastReconnectedSeconds());
        return String.format(Locale.ROOT, "%d of %d devices working again, the last %.1f s after the outage ended%s%s%s",
                fleet.recovered(), devices, fleet.lastBackSeconds(), reconnected, waited, fleet.run() == null || fleet.run().healthy() ? ""
                        : ", NOT a measurement of the devices: the harness was not healthy over the run (below)");
    }

    public JsonObject toJson() {
        return new JsonObject().put("bench", what).put("bare", bare.toJson()).put("fleet", fleet.toJson())
                .put("ratio", new JsonObject().put("connect", connectRatio()).put("throughput", throughputRatio())
                        .put("heap", heapRatio()));
    }

    private static void row(StringBuilder out, String name, String format, double bare, double fleet) {
        out.append(String.format(Locale.ROOT, "%-22s %16s %16s%n", name, String.format(Locale.ROOT, format, bare),
                String.format(Locale.ROOT, format, fleet)));
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
