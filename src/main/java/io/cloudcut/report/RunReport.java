package io.cloudcut.report;

import io.cloudcut.observation.ServiceObserved;

import java.util.List;

/**
 * The answer of one run: per model and function, what was kept, lost or degraded, and how devices
 * came back; the time scale it ran at between transitions, the harness's own account, and the
 * scenario's expectations as checked against all that (none until they are checked). An
 * {@code interrupted} run (Ctrl-C, SIGTERM) reports what it had observed until then: its phases say
 * how far it got.
 */
public record RunReport(String scenario, String description, String broker, double timeScale, double wallSeconds,
                        boolean interrupted, List<PhaseReport> phases, List<ServiceChange> services, List<ModelReport> models,
                        HarnessReport harness, List<ExpectationResult> expectations) {

    public RunReport {
        // a report written before expectations were checked has none
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
    }

    /**
     * A phase as it actually ran, in scenario seconds since the run's origin, and the longest the harness
     * stalled in it (ms): a function's latency in the phase is judged slower than the baseline's only
     * beyond that; and how long (real ms) scenario time stood still in it while an event loop was stalled.
     */
    public record PhaseReport(String name, String kind, double startSeconds, double endSeconds, List<String> faults,
                              long harnessLagMaxMillis, long clockHeldMillis) {
    }

    /**
     * A cloud service that was not up for a while: in which condition ({@code down}, {@code error},
     * {@code slow}, {@code throttled}), because of which service, from when until when (scenario
     * seconds; -1: still not up at the end).
     */
    public record ServiceChange(String service, ServiceObserved.Condition condition, String because, double fromSeconds,
                                double untilSeconds) {
    }

    /** The same report with the scenario's expectations checked. */
    public RunReport withExpectations(List<ExpectationResult> checked) {
        return new RunReport(scenario, description, broker, timeScale, wallSeconds, interrupted, phases, services, models,
                harness, checked);
    }

    /** Whether every expectation was met; true when none was stated. */
    public boolean expectationsMet() {
        return expectations.stream().allMatch(ExpectationResult::met);
    }

    public ModelReport model(String id) {
        return models.stream().filter(model -> model.model().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the report"));
    }
}
