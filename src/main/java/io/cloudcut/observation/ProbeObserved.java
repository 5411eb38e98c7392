package io.cloudcut.observation;

/**
 * One exercise of one function of one device by its path, in a phase and a round of it (recovery
 * rounds count per device; {@code settling} in a phase's settle time, which places changes on the
 * timeline but does not judge the phase): its outcome, its real latency, how much of that the harness's
 * own event loops stalled ({@code stalledMillis}: a probe through a stalled loop waits for it, by the harness's doing),
 * how long the cloud held its answer on the scenario clock ({@code heldMillis}, scenario time: a throttled service's
 * queue) and how much of its latency that took ({@code heldRealMillis}), and what the device or cloud said (the reason
 * for a refusal, say).
 */
public record ProbeObserved(long atMillis, String phase, int round, boolean settling, String device, String model, String function,
                            String path, ProbeOutcome outcome, long latencyMillis, long stalledMillis, long heldMillis,
                            long heldRealMillis, String detail)
        implements Observation {

    public ProbeObserved {
        // Kept until the report, a few per device and round, with a handful of distinct details among them.
        detail = detail == null ? null : detail.intern();
    }

    public boolean ok() {
        return outcome == ProbeOutcome.OK;
    }
}
