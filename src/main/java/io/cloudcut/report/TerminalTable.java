package io.cloudcut.report;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.scenario.PhaseKind;
import io.cloudcut.scenario.WireNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The verdict matrix for people at a terminal: one row per model and function, the probes that
 * worked per phase, the function's verdict; then per model its recovery, reconnects and event
 * account; then per model its rung in each outage phase, its headline verdict and its timeline;
 * then the devices that did not come back; last, the scenario's expectations, each met or not.
 */
public final class TerminalTable {

    /**
     * A slowdown a function may hide past which the run says so: half a second, as {@code slow-cloud}'s brownout a
     * request. At 250 ms, 15 devices of {@code kinesis-2020}, which has no slow service, said 332 ms in one run of two.
     */
    static final long COARSE_LATENCY_MILLIS = 500;
    /** A latency resolution coarser than this in scenario time is said: an alert a minute late is not on time. */
    static final Duration COARSE_SCENARIO_LATENCY = Duration.ofMinutes(1);

    /**
     * The timeline column's width: a model whose rung changed at every probe round of a restart (kinesis-2020's
     * local-first vacuum, 17 spans) keeps its table within a wide terminal, on as many lines as it needs.
     */
    static final int TIMELINE_WIDTH = 80;
    /**
     * The widest a table of phases is printed: past it, its phase columns go in turns, each under the columns that name
     * the row again, and the last turn ends with the verdict. A sweep of a dozen faults, a phase each, was 400 wide.
     */
    static final int MAX_WIDTH = 200;
    /** The most phases the stall line names, the longest stalls first when there are more: a sweep had 26. */
    static final int STALLS_NAMED = 4;

    private TerminalTable() {
    }

    /** The tables without colour. */
    public static String render(RunReport report) {
        return render(report, Palette.PLAIN);
    }

    /** The tables, their verdict words in {@code palette}'s colours. */
    public static String render(RunReport report, Palette palette) {
        StringBuilder out = new StringBuilder();
        if (report.interrupted()) {
            out.append(interruption(report)).append("\n\n");
        }
        out.append(matrix(report, palette)).append('\n');
        out.append(summary(report)).append('\n');
        report.models().stream().filter(model -> model.events().malformed() > 0).forEach(model -> out.append(model.model())
                .append(": ").append(model.events().malformed()).append(" malformed messages rejected\n"));
        report.models().forEach(model -> model.reconnect().refusedDevices().forEach((cause, devices) -> out
                .append(model.model()).append(": ").append(devices).append(devices == 1 ? " device was" : " devices were")
                .append(" refused (").append(cause).append(")\n")));
        report.models().stream().filter(model -> model.reconnect().connectsLeftWaiting() > 0).forEach(model -> out.append(
                String.format(Locale.ROOT, "%s: %,d connects left waiting for ever by %,d device%s' MQTT client (Paho 1.2.5, "
                                + "eclipse-paho/paho.mqtt.java#953): a real device keeps a thread for each, waking ten times a second%n",
                        model.model(), model.reconnect().connectsLeftWaiting(), model.reconnect().devicesLeavingConnectsWaiting(),
                        model.reconnect().devicesLeavingConnectsWaiting() == 1 ? "" : "s")));
        out.append(verdicts(report, palette));
        harnessLines(report).forEach(line -> out.append(line).append('\n'));
        String latency = latencyResolution(report);
        if (!latency.isEmpty()) {
            out.append("harness: ").append(latency).append('\n');
        }
        for (ModelReport model : report.models()) {
            for (RecoveryReport.DeviceRecovery device : model.recovery().notBack()) {
                out.append(palette.paint(device.verdict().name())).append(' ').append(device.device()).append(": ").append(device.lastState())
                        .append('\n');
            }
        }
        out.append(expectations(report.expectations(), palette));
        return out.toString();
    }

    /** Where an interrupted run stopped: the phases it finished, and the first it did not. */
    static String interruption(RunReport report) {
        List<String> finished = report.phases().stream().filter(phase -> phase.endSeconds() > 0)
                .map(RunReport.PhaseReport::name).toList();
        String stoppedIn = report.phases().stream().filter(phase -> phase.endSeconds() == 0).findFirst()
                .map(phase -> "; stopped in " + phase.name()).orElse("");
        return "INTERRUPTED: the run was stopped before its timeline ended, and what follows covers what it observed"
                + " until then (phases finished: " + (finished.isEmpty() ? "none" : String.join(", ", finished))
                + stoppedIn + ")";
    }

    /** {@code PASS  <figure>} or {@code FAIL  <figure>} per expectation, under a count; nothing when none was stated. */
    private static String expectations(List<ExpectationResult> results, Palette palette) {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nexpectations: ")
                .append(results.stream().filter(ExpectationResult::met).count()).append(" of ").append(results.size())
                .append(" met\n");
        results.forEach(result -> out.append(palette.paint(result.met() ? "PASS" : "FAIL")).append("  ")
                .append(result.figure()).append('\n'));
        return out.toString();
    }

    private static String matrix(RunReport report, Palette palette) {
        List<String> phaseNames = report.phases().stream().map(RunReport.PhaseReport::name).toList();
        List<String> header = new ArrayList<>(List.of("model", "function", "path"));
        header.addAll(phaseNames);
        header.add("verdict");
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            for (FunctionReport function : model.functions()) {
                List<String> row = new ArrayList<>(List.of(model.model(), function.name(), function.path()));
                for (String phase : phaseNames) {
                    PhaseCounts counts = function.phases().get(phase);
                    row.add(counts == null || counts.total() == 0 ? "-" : counts.ok() + "/" + counts.total() + " ok");
                }
                row.add(word(function.verdict()));
                rows.add(row);
            }
        }
        return inTurns(header, rows, 3, 1, palette);
    }

    /** The columns of the table of what each model's devices noticed, how they came back and what they sent. */
    static final List<String> SUMMARY_HEADER = List.of("model", "kind", "devices", "noticed p50 / max", "recovery", "p50 / max",
            "reconnect p50 / max", "events", "lost in cloud");

    private static String summary(RunReport report) {
        return table(SUMMARY_HEADER, summaryRows(report), Palette.PLAIN);
    }

    /** A row a model under {@link #SUMMARY_HEADER}, as the terminal prints it. */
    static List<List<String>> summaryRows(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            RecoveryReport recovery = model.recovery();
            EventsReport events = model.events();
            DetectionReport detection = model.detection();
            rows.add(List.of(model.model(), model.kind(), String.valueOf(model.devices()),
                    detection.devicesNoticed() == 0 ? "-" : duration(detection.p50Seconds()) + " / "
                            + duration(detection.maxSeconds()) + " " + within(detection.resolutionSeconds()),
                    recovery(recovery),
                    recovery.recovered() == 0 ? "-" : duration(recovery.p50Seconds()) + " / " + duration(recovery.maxSeconds())
                            + " " + within(recovery.resolutionSeconds()),
                    model.reconnect().devicesReconnected() == 0 ? "-"
                            : duration(model.reconnect().p50Seconds()) + " / " + duration(model.reconnect().maxSeconds())
                            + " " + within(model.reconnect().resolutionSeconds()),
                    events.generated() + " = " + events.delivered() + " dlv + " + events.buffered() + " buf + "
                            + events.droppedTotal() + " drop",
                    String.valueOf(events.lostInCloud())));
        }
        return rows;
    }

    /** {@code 2 recovered, 1 NOT_RECOVERED, 1 NEEDS_A_PERSON}; {@code -} when there was no recovery phase. */
    private static String recovery(RecoveryReport recovery) {
        if (recovery.devices().isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder(recovery.recovered() + " recovered");
        if (recovery.notRecovered() > 0) {
            text.append(", ").append(recovery.notRecovered()).append(' ').append(RecoveryVerdict.NOT_RECOVERED);
        }
        if (recovery.needsAPerson() > 0) {
            text.append(", ").append(recovery.needsAPerson()).append(' ').append(RecoveryVerdict.NEEDS_A_PERSON);
        }
        return text.toString();
    }

    /** Per model: its rung in each outage phase, the worst of them (its verdict), and when which rung held. */
    private static String verdicts(RunReport report, Palette palette) {
        List<String> outagePhases = report.phases().stream().filter(phase -> phase.kind().equals(WireNames.of(PhaseKind.OUTAGE)))
                .map(RunReport.PhaseReport::name).toList();
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(outagePhases);
        header.addAll(List.of("verdict", "timeline"));
        List<List<String>> rows = new ArrayList<>();
        double resolution = 0;
        for (ModelReport model : report.models()) {
            List<String> row = new ArrayList<>(List.of(model.model()));
            outagePhases.forEach(phase -> row.add(word(model.phases().get(phase))));
            row.add(word(model.verdict()));
            List<String> timeline = wrap(model.timeline().describe(), TIMELINE_WIDTH);
            row.add(timeline.get(0));
            rows.add(row);
            for (String more : timeline.subList(1, timeline.size())) {
                List<String> continued = new ArrayList<>(Collections.nCopies(row.size() - 1, ""));
                continued.add(more);
                rows.add(continued);
            }
            resolution = Math.max(resolution, model.timeline().resolutionSeconds());
        }
        return inTurns(header, rows, 1, 2, palette) + "timeline: scenario time since the outage began; a change is placed within "
                + duration(resolution) + " (the spacing of probe rounds)\n";
    }

    /**
     * {@code text}'s comma-separated parts on lines of at most {@code width} characters, each line but the last
     * ending in its comma (counted); a part longer than that has a line of its own.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : text.split(", ")) {
            if (line.length() > 0 && line.length() + ", ".length() + part.length() + ",".length() > width) {
                lines.add(line.append(',').toString());
                line.setLength(0);
            } else if (line.length() > 0) {
                line.append(", ");
            }
            line.append(part);
        }
        lines.add(line.toString());
        return lines;
    }

    /** One line on the instrument: the scale it ran at, and its health over the baseline. */
    /** What the harness says of itself: its scale, its health, its clock's waits, its problems later in the run, its stalls. */
    static List<String> harnessLines(RunReport report) {
        return (harness(report.harness()) + stalls(report.phases(), report.harness()))
                .lines().toList();
    }

    private static String harness(HarnessReport harness) {
        if (harness == null || harness.baseline() == null) {
            return "";
        }
        HarnessReport.Health baseline = harness.baseline();
        long transitions = harness.clock().stream().filter(change -> change.why() == ClockObserved.Why.TRANSITION).count();
        StringBuilder text = new StringBuilder(String.format("harness: %sx between transitions (asked: %s), real time at each of %d transitions; "
                        + "baseline %s: %d of %d probes failed, event-loop lag p99 %d ms%n",
                io.cloudcut.scenario.Durations.number(harness.timeScale()), harness.timeScaleAsked(), transitions,
                baseline.healthy() ? "healthy" : "NOT HEALTHY", baseline.probesFailed(), baseline.probes(),
                baseline.lagP99Millis()));
        long cloudBehind = harness.cloudWaits();
        if (cloudBehind > 0) {
            text.append(String.format("harness: the emulated cloud fell behind %d %s, and the clock ran in real time until it caught up%n",
                    cloudBehind, cloudBehind == 1 ? "time" : "times"));
        }
        long connectsSlow = harness.connectWaits();
        if (connectsSlow > 0) {
            text.append(String.format("harness: this machine's connections were slow %d %s (a connect with nothing faulted over a quarter "
                            + "of a device's time-out, a publish the broker left unanswered that long, or a connection lost with "
                            + "nothing faulted), and the clock ran in real time until they were in time again%n",
                    connectsSlow, connectsSlow == 1 ? "time" : "times"));
        }
        long connectsDelayed = harness.connectDelaySlowdowns();
        if (connectsDelayed > 0) {
            text.append(String.format("harness: the clock climbed slower %d %s for this machine's connects (nothing faulted), so that none "
                            + "spanned more than a tenth of the scenario time since the last transition%n",
                    connectsDelayed, connectsDelayed == 1 ? "time" : "times"));
        }
        long connectsPaced = harness.connectRateSlowdowns();
        if (connectsPaced > 0) {
            text.append(String.format("harness: the clock ran slower %d %s for the connects the fleet starts (nothing faulted), so that "
                            + "they came at no more than this machine carries (half the real rate at which its connects were found "
                            + "slow, more as they stayed in time)%n",
                    connectsPaced, connectsPaced == 1 ? "time" : "times"));
        }
        long attemptsWaited = harness.attemptWaits();
        if (attemptsWaited > 0) {
            text.append(String.format("harness: connect attempts came due at once beyond those this machine runs at once (nothing "
                            + "faulted) %d %s, and scenario time stood still until each had its turn%n",
                    attemptsWaited, attemptsWaited == 1 ? "time" : "times"));
        }
        if (harness.run() != null) {
            harness.run().problems().forEach(problem -> text.append("harness, later in the run: ").append(problem).append('\n'));
        }
        return text.toString();
    }

    /**
     * The phases after the baseline where the harness stalled longer than the latency slack's floor: there, a probe's
     * latency counted less the stalls it was in flight through ({@link ProbeTally#judged}). Each says how long scenario
     * time stood still in it (it does once a loop is {@link io.cloudcut.scenario.ScenarioClock#HOLD_AFTER} late), or else
     * how much scenario time the stall may have spanned at the run's scale: a stall shorter than the hold's allowance
     * (or a run's before the clock stood still through stalls) ran scenario time on, and a device's deadline in it
     * (a token expiring before its renewal's answer) may have passed for the harness's reasons: 543 ms stalled, 33 min
     * at 3600x, lapsed an untouched doorbell's session in a loaded CI run.
     */
    static String stalls(List<RunReport.PhaseReport> phases, HarnessReport harness) {
        double scale = harness == null ? 1 : harness.timeScale();
        List<RunReport.PhaseReport> stalledPhases = phases.stream().filter(phase -> !phase.kind().equals(WireNames.of(PhaseKind.BASELINE))
                && phase.harnessLagMaxMillis() > FunctionVerdicts.MIN_SLACK_MILLIS).toList();
        if (stalledPhases.isEmpty()) {
            return "";
        }
        List<RunReport.PhaseReport> named = stalledPhases.size() <= STALLS_NAMED ? stalledPhases
                : stalledPhases.stream().sorted(Comparator.comparingLong(RunReport.PhaseReport::harnessLagMaxMillis).reversed())
                .limit(STALLS_NAMED - 1).toList();
        List<String> stalled = new ArrayList<>(named.stream().map(phase -> phase.harnessLagMaxMillis() + " ms in " + phase.name()
                + (phase.clockHeldMillis() > 0 ? " (scenario time stood still for " + phase.clockHeldMillis() + " ms of the phase)"
                        : " (up to " + duration(phase.harnessLagMaxMillis() / 1000.0 * scale) + " of scenario time)")).toList());
        if (named.size() < stalledPhases.size()) {
            long rest = stalledPhases.stream().filter(phase -> !named.contains(phase))
                    .mapToLong(RunReport.PhaseReport::harnessLagMaxMillis).max().orElse(0);
            stalled.add("and up to " + rest + " ms in " + (stalledPhases.size() - named.size()) + " other phases (report.json: "
                    + "phases[].harnessLagMaxMillis)");
        }
        boolean ranOn = stalledPhases.stream().anyMatch(phase -> phase.clockHeldMillis() == 0);
        return "harness: stalled for up to " + String.join(", ", stalled)
                + ", its longest event-loop lag: a probe's latency counts less the stalls it was in flight through"
                + (ranOn ? "; a device's deadline that fell in a stall passed for the harness's reasons\n" : "\n");
    }

    /**
     * How much slower than in the baseline a function had to get to read DEGRADED: beyond twice its baseline median
     * and the baseline's jitter ({@link FunctionVerdicts}), the coarsest of any cloud function and of any local one.
     * Said when it passes {@value #COARSE_LATENCY_MILLIS} ms: a baseline loaded by the harness hides a slowdown. In
     * {@code slow-cloud} at 1,000 devices (auto, 806x), cloud functions 500 ms slower a request read KEPT: their
     * median rose from 120 ms to 1,013 ms, within a bound of 1,195 ms; at 8 devices the bound was 95 ms. Said too when,
     * at the run's scale between transitions, it spans more than {@link #COARSE_SCENARIO_LATENCY} of scenario time: a
     * wait that runs on the scenario clock shows in real time divided by the scale. The cloud's throttled queues are
     * counted at their scenario length ({@link io.cloudcut.cloud.Holds}), as are a device's offline buffer's and a
     * command's the broker kept for a device away; a wait that no answer carries is not: a local-chime doorbell's alerts, held 2.5-3 min by
     * {@code kinesis-2020}'s throttled ingest, read KEPT at 3600x (52 ms) before the holds were counted.
     *
     * @return the sentence, without the terminal's {@code harness:} and the end; empty when it is not said
     */
    static String latencyResolution(RunReport report) {
        Map<String, Long> coarsest = report.harness() == null ? Map.of() : new TreeMap<>(report.harness().slowdownHiddenMillis());
        double scale = report.harness() == null ? 1 : report.harness().timeScale();
        boolean coarseForTheLoad = coarsest.values().stream().anyMatch(millis -> millis > COARSE_LATENCY_MILLIS);
        boolean coarseForTheScale = coarsest.values().stream().anyMatch(millis -> millis * scale > COARSE_SCENARIO_LATENCY.toMillis());
        if (!coarseForTheLoad && !coarseForTheScale) {
            return "";
        }
        StringBuilder said = new StringBuilder("a function read DEGRADED for latency only once its median grew by more than ")
                .append(coarsest.entrySet().stream().map(path -> path.getValue() + " ms (" + path.getKey() + ")")
                        .collect(Collectors.joining(", ")))
                .append(" over the baseline's");
        if (coarseForTheLoad) {
            said.append(", for the baseline's own latency and jitter under the harness's load");
        }
        if (coarseForTheScale) {
            said.append("; at ").append(String.format("%.0f", scale)).append("x that is ")
                    .append(coarsest.entrySet().stream().map(path -> duration(path.getValue() / 1000.0 * scale) + " (" + path.getKey() + ")")
                            .collect(Collectors.joining(", ")))
                    .append(" of scenario time, and a wait on the scenario clock that the answer does not carry shorter ")
                    .append("than that reads KEPT");
        }
        return said.append(": a slower clock (--time-scale)").append(coarseForTheLoad ? " or a smaller fleet" : "")
                .append(" tells smaller slowdowns apart").toString();
    }

    /** A figure's resolution, {@code ±2s}. */
    static String within(double seconds) {
        return "±" + (seconds < 10 ? String.format("%.1fs", seconds) : duration(seconds));
    }

    private static String word(Enum<?> verdict) {
        return verdict == null ? "-" : verdict.name();
    }

    /** Scenario seconds in the largest sensible unit: {@code 42s}, {@code 12m}, {@code 3.5h}. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format("%.0fs", seconds);
        }
        if (seconds < 7200) {
            return String.format("%.0fm", seconds / 60);
        }
        return String.format("%.1fh", seconds / 3600);
    }

    /**
     * Plain text columns, each as wide as its widest cell, under a header and a rule; the first
     * cell is left blank where it repeats the row above, so that rows group under it.
     */
    public static String table(List<String> header, List<List<String>> rows) {
        return table(header, rows, Palette.PLAIN);
    }

    /**
     * {@link #table}, or, wider than {@link #MAX_WIDTH}, several: each with the first {@code keys} columns and as many of
     * the middle ones as fit, the last with the last {@code tail} columns too. A row with nothing in a turn's middle or
     * tail columns (a wrapped timeline's next line) is left out of that turn.
     */
    static String inTurns(List<String> header, List<List<String>> rows, int keys, int tail, Palette palette) {
        int[] widths = widths(header, rows);
        List<List<Integer>> turns = turns(widths, keys, tail);
        StringBuilder out = new StringBuilder();
        for (List<Integer> columns : turns) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            List<List<String>> shown = rows.stream().map(row -> pick(row, columns))
                    .filter(row -> row.subList(keys, row.size()).stream().anyMatch(cell -> !cell.isEmpty())).toList();
            out.append(table(pick(header, columns), shown, palette));
        }
        return out.toString();
    }

    /** The columns of each turn: the keys, then middle columns while they fit, the tail with the last. */
    private static List<List<Integer>> turns(int[] widths, int keys, int tail) {
        List<Integer> keyColumns = IntStream.range(0, keys).boxed().toList();
        List<Integer> tailColumns = IntStream.range(widths.length - tail, widths.length).boxed().toList();
        List<List<Integer>> turns = new ArrayList<>();
        List<Integer> turn = new ArrayList<>(keyColumns);
        for (int c = keys; c < widths.length - tail; c++) {
            if (turn.size() > keys && width(widths, turn) + widths[c] + 2 > MAX_WIDTH) {
                turns.add(turn);
                turn = new ArrayList<>(keyColumns);
            }
            turn.add(c);
        }
        if (turn.size() > keys && width(widths, turn) + width(widths, tailColumns) > MAX_WIDTH) {
            turns.add(turn);
            turn = new ArrayList<>(keyColumns);
        }
        turn.addAll(tailColumns);
        turns.add(turn);
        return turns;
    }

    /** What {@code columns} take on a line, each with the two spaces after it. */
    private static int width(int[] widths, List<Integer> columns) {
        return columns.stream().mapToInt(c -> widths[c] + 2).sum();
    }

    private static List<String> pick(List<String> cells, List<Integer> columns) {
        return columns.stream().map(cells::get).toList();
    }

    private static int[] widths(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }

    private static String table(List<String> header, List<List<String>> rows, Palette palette) {
        int[] widths = widths(header, rows);
        StringBuilder out = new StringBuilder();
        line(out, header, widths, palette);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths, palette);
        String previousModel = null;
        for (List<String> row : rows) {
            List<String> shown = new ArrayList<>(row);
            if (row.get(0).equals(previousModel)) {
                shown.set(0, "");
            }
            previousModel = row.get(0);
            line(out, shown, widths, palette);
        }
        return out.toString();
    }

    /** Pads each cell by its plain width, then paints it: escapes take no room on the screen. */
    private static void line(StringBuilder out, List<String> cells, int[] widths, Palette palette) {
        for (int c = 0; c < cells.size() - 1; c++) {
            String cell = cells.get(c);
            out.append(palette.paint(cell)).append(" ".repeat(widths[c] - cell.length())).append("  ");
        }
        out.append(palette.paint(cells.get(cells.size() - 1))).append('\n');
    }
}
