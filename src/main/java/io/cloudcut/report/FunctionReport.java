package io.cloudcut.report;

import java.util.Map;

/**
 * One function of one model: its probes per phase (in timeline order), its verdict for the outage
 * (the worst of its outage phases; null if it was never probed in one) and its last failure.
 */
public record FunctionReport(String name, String path, Map<String, PhaseCounts> phases, FunctionVerdict verdict,
                             String lastFailure) {
}
