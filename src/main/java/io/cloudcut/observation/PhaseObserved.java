package io.cloudcut.observation;

/**
 * A phase of the timeline started or ended. Its end says how long the harness stalled during it
 * ({@code harnessLagMaxMillis}: the longest any event loop of any process hosting the run ran late;
 * 0 on a start): every probe in flight through a stalled loop took that much longer, by the
 * harness's doing, so a function's latency is judged slower than the baseline's only beyond its
 * usual bound and that stall.
 */
public record PhaseObserved(long atMillis, String phase, String kind, boolean started, long harnessLagMaxMillis)
        implements Observation {

    /** A phase's start. */
    public static PhaseObserved start(long atMillis, String phase, String kind) {
        return new PhaseObserved(atMillis, phase, kind, true, 0);
    }

    /** A phase's end, with the longest the harness stalled during it. */
    public static PhaseObserved end(long atMillis, String phase, String kind, long harnessLagMaxMillis) {
        return new PhaseObserved(atMillis, phase, kind, false, harnessLagMaxMillis);
    }
}
