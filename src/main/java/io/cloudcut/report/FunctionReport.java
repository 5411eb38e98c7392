package io.cloudcut.report;

import java.util.Map;

/** One function of one model: its probes per phase (in timeline order) and its verdict. */
public record FunctionReport(String name, String path, Map<String, PhaseCounts> phases, FunctionVerdict verdict,
                             String lastFailure) {
}
