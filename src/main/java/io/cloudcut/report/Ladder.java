package io.cloudcut.report;

import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.FunctionRole;
import io.cloudcut.scenario.FunctionSpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict ladder: which rung one model gets for one stretch of an outage (a phase, or one probe
 * round for the timeline), from that stretch's probes, the baseline and the states its devices
 * reported. The rules, first match wins:
 * <ol>
 *   <li>{@code FAIL_OPEN}: a probe ended {@code UNPROTECTED} (only a security function ends so: the
 *   action it guards went through). A security function that answered OK or REFUSED still protects;
 *   one that did not answer is not evidence of either.</li>
 *   <li>{@code STUCK_IN_LAST_STATE}: a primary function was not kept, and a device whose probe of it
 *   failed stayed in acting states (not at rest) from the start of the stretch to its end.</li>
 *   <li>{@code CLOUD_DEPENDENT} or {@code FAIL_CLOSED}: a primary function was lost (no probe of it
 *   worked). Each lost primary is named by the majority of its failed probes: refused by the device
 *   ({@code REFUSED}) makes it {@code FAIL_CLOSED}; no answer or a cloud error ({@code TIMED_OUT},
 *   {@code CLOUD_ERROR}) makes it {@code CLOUD_DEPENDENT}, which also takes a tie, being the worse
 *   word. Several lost primaries: the worst of their words.</li>
 *   <li>{@code DEGRADED}: a primary function degraded (it worked only sometimes, or much slower).</li>
 *   <li>{@code FULLY_AVAILABLE}: every function probed in the stretch was kept.</li>
 *   <li>{@code LOCAL_FUNCTION_KEPT}: every primary function kept, some other function lost or degraded.</li>
 * </ol>
 * The ladder goes from the better to the worse word in {@link ModelVerdict}'s order, and each rule
 * needs a worse outcome than the ones below it, so a better outcome never gets a worse word. Each
 * function is judged by {@link FunctionVerdicts} against its own baseline. Functions not probed in
 * the stretch are left out; a stretch with no probe of a primary function gets no rung (unless it
 * fails open).
 */
final class Ladder {

    private final DeviceModel model;
    private final Map<String, PhaseCounts> baseline;
    private final DeviceStates states;
    private final DeviceIndex devices;

    /** {@code baseline}: the model's baseline counts by function name; {@code devices}: the numbers its rounds name devices by. */
    Ladder(DeviceModel model, Map<String, PhaseCounts> baseline, DeviceStates states, DeviceIndex devices) {
        this.model = model;
        this.baseline = baseline;
        this.states = states;
        this.devices = devices;
    }

    /**
     * A stretch of the outage: the model's probe round that began it, when it began and ended (scenario
     * ms), and the longest the workers' event loops stalled in the phase it is part of.
     */
    record Stretch(ProbeRound round, long fromMillis, long untilMillis, long workersLagMillis) {
    }

    Optional<ModelVerdict> rung(Stretch stretch) {
        if (stretch.round().unprotected()) {
            return Optional.of(ModelVerdict.FAIL_OPEN);
        }
        List<Judged> judged = new ArrayList<>();
        for (FunctionSpec function : model.functions()) {
            ProbeTally probes = stretch.round().of(function.name());
            if (probes != null && !probes.isEmpty()) {
                PhaseCounts counts = probes.judged(baselineOf(function), function.role(), stretch.workersLagMillis());
                judged.add(new Judged(function, stretch.round().failedDevices(function.name()), counts));
            }
        }
        List<Judged> primaries = judged.stream().filter(j -> j.function().role() == FunctionRole.PRIMARY).toList();
        if (primaries.isEmpty()) {
            return Optional.empty();
        }
        if (primaries.stream().anyMatch(primary -> heldActing(primary, stretch))) {
            return Optional.of(ModelVerdict.STUCK_IN_LAST_STATE);
        }
        Optional<ModelVerdict> lost = primaries.stream().filter(j -> j.verdict() == FunctionVerdict.LOST)
                .map(Ladder::lostAs).reduce(ModelVerdict::worst);
        if (lost.isPresent()) {
            return lost;
        }
        if (primaries.stream().anyMatch(j -> j.verdict() == FunctionVerdict.DEGRADED)) {
            return Optional.of(ModelVerdict.DEGRADED);
        }
        return Optional.of(judged.stream().allMatch(j -> j.verdict() == FunctionVerdict.KEPT)
                ? ModelVerdict.FULLY_AVAILABLE : ModelVerdict.LOCAL_FUNCTION_KEPT);
    }

    /** A primary not kept, with a device that failed it while held in an acting state for the whole stretch. */
    private boolean heldActing(Judged primary, Stretch stretch) {
        return primary.verdict() != FunctionVerdict.KEPT && primary.failedDevices().stream().mapToObj(devices::idOf)
                .anyMatch(device -> states.actingThroughout(device, stretch.fromMillis(), stretch.untilMillis()));
    }

    /** By the majority of the failed probes; a tie goes to the worse word. */
    private static ModelVerdict lostAs(Judged primary) {
        PhaseCounts counts = primary.counts();
        return counts.refused() > counts.timedOut() + counts.cloudError()
                ? ModelVerdict.FAIL_CLOSED : ModelVerdict.CLOUD_DEPENDENT;
    }

    private PhaseCounts baselineOf(FunctionSpec function) {
        return baseline.getOrDefault(function.name(), new ProbeTally().counts());
    }

    private record Judged(FunctionSpec function, BitSet failedDevices, PhaseCounts counts) {
        FunctionVerdict verdict() {
            return counts.verdict();
        }
    }
}
