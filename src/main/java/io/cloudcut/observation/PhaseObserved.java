package io.cloudcut.observation;

/**
 * A phase of the timeline started or ended. Its end says how long the harness stalled during it
 * ({@code harnessLagMaxMillis}: the longest any event loop of any process hosting the run ran late;
 * 0 on a start): every probe in flight through a stalled loop took that much longer, by the
 * harness's doing, so a function's latency is judged slower than the baseline's only beyond its
 * usual bound and that stall. It also says how long scenario time stood still in the phase for late
 * event loops, its own or a worker's ({@code clockHeldMillis}, real time).
 */
public record PhaseObserved(long atMillis, String phase, String kind, boolean started, long harnessLagMaxMillis,
                            long clockHeldMillis) implements Observation {

    /** A phase's start. */
    public static PhaseObserved start(long atMillis, String phase, String kind) {
        return new PhaseObserved(atMillis, phase, kind, true, 0, 0);
    }

    /** A phase's end, with the longest the harness stalled during it, and how long scenario time stood still for it. */
    public static PhaseObserved end(long atMillis, String phase, String kind, long harnessLagMaxMillis, long clockHeldMillis) {
        return new PhaseObserved(atMillis, phase, kind, false, harnessLagMaxMillis, clockHeldMillis);
    }
}
