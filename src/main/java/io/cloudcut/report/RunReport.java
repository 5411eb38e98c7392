package io.cloudcut.report;

import java.util.List;

/** The answer of one run: per model and function, what was kept, lost or degraded, and how devices came back. */
public record RunReport(String scenario, String description, String broker, double timeScale, double wallSeconds,
                        List<PhaseReport> phases, List<ServiceChange> services, List<ModelReport> models) {

    /** A phase as it actually ran, in scenario seconds since the run's origin. */
    public record PhaseReport(String name, String kind, double startSeconds, double endSeconds, List<String> faults) {
    }

    /** A cloud service that went down, because of which service, and when it came back. */
    public record ServiceChange(String service, String downBecause, double downAtSeconds, double upAtSeconds) {
    }

    public ModelReport model(String id) {
        return models.stream().filter(model -> model.model().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the report"));
    }
}
