package io.cloudcut.report;

import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

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

    /** The windows of the outage phases named, given in timeline order. */
    static List<Window> of(List<String> outagePhases, List<PhaseObserved> marks, List<ProbeObserved> probes) {
        List<Window> windows = new ArrayList<>();
        for (String phase : outagePhases) {
            LongSummaryStatistics probed = probes.stream().filter(probe -> probe.phase().equals(phase))
                    .mapToLong(ProbeObserved::atMillis).summaryStatistics();
            long from = mark(marks, phase, true, probed.getCount() == 0 ? 0 : probed.getMin());
            long until = mark(marks, phase, false, probed.getCount() == 0 ? from : probed.getMax());
            windows.add(new Window(phase, from, until));
        }
        return windows;
    }

    private static long mark(List<PhaseObserved> marks, String phase, boolean started, long otherwise) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && mark.started() == started)
                .mapToLong(PhaseObserved::atMillis).findFirst().orElse(otherwise);
    }
}
