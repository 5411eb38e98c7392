package io.cloudcut.report;

import io.cloudcut.observation.PhaseObserved;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * The outage phases of a run as they ran, in timeline order: when each began and ended on the
 * scenario clock, from the phase marks in the observations (from its probes when a mark is
 * missing, as in a stream cut short).
 */
final class OutagePhases {

    record Window(String phase, long fromMillis, long untilMillis) {
    }

    private OutagePhases() {
    }

    /** The windows of the outage phases named, given in timeline order; {@code probed}: when each phase's probes were made. */
    static List<Window> of(List<String> outagePhases, List<PhaseObserved> marks, Map<String, LongSummaryStatistics> probed) {
        List<Window> windows = new ArrayList<>();
        for (String phase : outagePhases) {
            LongSummaryStatistics times = probed.getOrDefault(phase, new LongSummaryStatistics());
            long from = mark(marks, phase, true, times.getCount() == 0 ? 0 : times.getMin());
            long until = mark(marks, phase, false, times.getCount() == 0 ? from : times.getMax());
            windows.add(new Window(phase, from, until));
        }
        return windows;
    }

    private static long mark(List<PhaseObserved> marks, String phase, boolean started, long otherwise) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && mark.started() == started)
                .mapToLong(PhaseObserved::atMillis).findFirst().orElse(otherwise);
    }
}
