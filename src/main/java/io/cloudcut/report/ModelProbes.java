package io.cloudcut.report;

import io.cloudcut.observation.ProbeObserved;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One model's probes, folded as they come: per function, its baseline (every probe of the baseline
 * phases, settle time included), its counts per phase once the phase's settle time is over, and its
 * last failure; per outage phase, its probe rounds. Nothing is kept per probe.
 */
final class ModelProbes {

    private final Set<String> baselinePhases;
    private final Set<String> outagePhases;
    private final Map<String, FunctionProbes> functions = new HashMap<>();
    private final Map<String, Map<Integer, ProbeRound>> rounds = new HashMap<>();

    ModelProbes(List<String> baselinePhases, List<String> outagePhases) {
        this.baselinePhases = Set.copyOf(baselinePhases);
        this.outagePhases = Set.copyOf(outagePhases);
    }

    void add(ProbeObserved probe, int device) {
        FunctionProbes function = functions.computeIfAbsent(probe.function(), name -> new FunctionProbes());
        if (baselinePhases.contains(probe.phase())) {
            function.baseline.add(probe);
        }
        if (!probe.settling()) {
            function.settled.computeIfAbsent(probe.phase(), phase -> new ProbeTally()).add(probe);
        }
        if (!probe.ok()) {
            function.lastFailure = probe.phase() + ": " + probe.detail();
        }
        if (outagePhases.contains(probe.phase())) {
            rounds.computeIfAbsent(probe.phase(), phase -> new TreeMap<>())
                    .computeIfAbsent(probe.round(), round -> new ProbeRound()).add(probe, device);
        }
    }

    /** The function's probes in the baseline phases, not yet judged. */
    PhaseCounts baseline(String function) {
        FunctionProbes probes = functions.get(function);
        return (probes == null ? new ProbeTally() : probes.baseline).counts();
    }

    /** The function's probes in a phase once its settle time was over. */
    ProbeTally settled(String function, String phase) {
        FunctionProbes probes = functions.get(function);
        ProbeTally tally = probes == null ? null : probes.settled.get(phase);
        return tally == null ? new ProbeTally() : tally;
    }

    /** {@code phase: detail} of the function's last failed probe; null when none failed. */
    String lastFailure(String function) {
        FunctionProbes probes = functions.get(function);
        return probes == null ? null : probes.lastFailure;
    }

    /** The rounds of an outage phase, by round number. */
    Collection<ProbeRound> rounds(String outagePhase) {
        return rounds.getOrDefault(outagePhase, Map.of()).values();
    }

    private static final class FunctionProbes {
        private final ProbeTally baseline = new ProbeTally();
        private final Map<String, ProbeTally> settled = new HashMap<>();
        private String lastFailure;
    }
}
