package io.cloudcut.observation;

/**
 * A phase of the timeline started or ended. Its end says how long the harness stalled during it
 * ({@code harnessLagMaxMillis}: the longest any event loop of any process hosting the run ran late;
 * 0 on a start), and how long the worker processes' loops did ({@code workersLagMaxMillis}; 0 in a run of
 * one process). A probe carries the stalls of the process that made it ({@link ProbeObserved#stalledMillis});
 * a worker's it does not, so a function's latency is judged slower than the baseline's only beyond its usual
 * bound, its probes' own stalls and the workers' longest. It also says how long scenario time stood still in
 * the phase for late event loops, its own or a worker's ({@code clockHeldMillis}, real time).
 */
public record PhaseObserved(long atMillis, String phase, String kind, boolean started, long harnessLagMaxMillis,
                            long workersLagMaxMillis, long clockHeldMillis) implements Observation {

    /** A phase's start. */
    public static PhaseObserved start(long atMillis, String phase, String kind) {
        return new PhaseObserved(atMillis, phase, kind, true, 0, 0, 0);
    }

    /**
     * A phase's end, with the longest the harness stalled during it, anywhere and in the workers, and how long scenario
     * time stood still for it.
     */
    public static PhaseObserved end(long atMillis, String phase, String kind, long harnessLagMaxMillis, long workersLagMaxMillis,
                                    long clockHeldMillis) {
        return new PhaseObserved(atMillis, phase, kind, false, harnessLagMaxMillis, workersLagMaxMillis, clockHeldMillis);
    }
}
