package io.cloudcut.report;

import io.cloudcut.observation.PhaseObserved;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * The outage phases of a run as they ran, in timeline order: when each began and ended on the
 * scenario clock, from the phase marks in the observations (from its probes when a mark is
 * missing, as in a stream cut short), and the longest the workers' event loops stalled in each (its end mark's).
 */
final class OutagePhases {

    record Window(String phase, long fromMillis, long untilMillis, long workersLagMillis) {
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
            windows.add(new Window(phase, from, until, workersLag(marks, phase)));
        }
        return windows;
    }

    /** The longest the harness stalled in the phase, from its end mark: 0 when it has none (a stream cut short). */
    static long harnessLag(List<PhaseObserved> marks, String phase) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && !mark.started())
                .mapToLong(PhaseObserved::harnessLagMaxMillis).findFirst().orElse(0);
    }

    /** The longest the workers' event loops stalled in the phase, from its end mark: 0 when it has none, or no workers. */
    static long workersLag(List<PhaseObserved> marks, String phase) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && !mark.started())
                .mapToLong(PhaseObserved::workersLagMaxMillis).findFirst().orElse(0);
    }

    /** How long scenario time stood still in the phase for late event loops, from its end mark. */
    static long clockHeld(List<PhaseObserved> marks, String phase) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && !mark.started())
                .mapToLong(PhaseObserved::clockHeldMillis).findFirst().orElse(0);
    }

    private static long mark(List<PhaseObserved> marks, String phase, boolean started, long otherwise) {
        return marks.stream().filter(mark -> mark.phase().equals(phase) && mark.started() == started)
                .mapToLong(PhaseObserved::atMillis).findFirst().orElse(otherwise);
    }
}
