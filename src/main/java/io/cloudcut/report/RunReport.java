package io.cloudcut.report;

import java.util.List;

/**
 * The answer of one run: per model and function, what was kept, lost or degraded, and how devices
 * came back; the time scale it ran at between transitions, and the harness's own account.
 */
public record RunReport(String scenario, String description, String broker, double timeScale, double wallSeconds,
                        List<PhaseReport> phases, List<ServiceChange> services, List<ModelReport> models,
                        HarnessReport harness) {

    /** A phase as it actually ran, in scenario seconds since the run's origin. */
    public record PhaseReport(String name, String kind, double startSeconds, double endSeconds, List<String> faults) {
    }

    /**
     * A cloud service that was not up for a while: in which condition ({@code down}, {@code error},
     * {@code slow}, {@code throttled}), because of which service, from when until when (scenario
     * seconds; -1: still not up at the end).
     */
    public record ServiceChange(String service, String condition, String because, double fromSeconds,
                                double untilSeconds) {
    }

    public ModelReport model(String id) {
        return models.stream().filter(model -> model.model().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the report"));
    }
}
