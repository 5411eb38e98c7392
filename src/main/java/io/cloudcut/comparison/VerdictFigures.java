package io.cloudcut.comparison;

import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's rungs on the verdict ladder: its headline, and its rung in each outage phase. A phase's rung is its worst
 * probe round's, and a round's "none worked" needs every device of the model at once, which two devices meet by chance
 * where 170 never do: a rung that moved while none of the model's functions' probes in the phase differ beyond chance
 * ({@link FunctionFigures#anyDiffersIn}) is listed apart, and so is the headline when every phase that moved did so. A
 * rung that fails open, or holds a device stuck, always counts: those come from what the devices did, not from shares.
 */
final class VerdictFigures {

    private VerdictFigures() {
    }

    static void compare(ModelReport was, ModelReport now, Map<String, Long> latencyResolutionMillis, Tally tally) {
        Tally.Subject model = Tally.Subject.of(was.model());
        Map<String, Boolean> beyondChance = new LinkedHashMap<>();
        boolean anyMoved = false;
        boolean anyMovedBeyondChance = false;
        for (Map.Entry<String, ModelVerdict> phase : was.phases().entrySet()) {
            ModelVerdict later = now.phases().get(phase.getKey());
            boolean beyond = later == null || fromWhatDevicesDid(phase.getValue()) || fromWhatDevicesDid(later)
                    || FunctionFigures.anyDiffersIn(phase.getKey(), was, now, latencyResolutionMillis);
            beyondChance.put(phase.getKey(), beyond);
            boolean moved = later != null && later != phase.getValue();
            anyMoved |= moved;
            anyMovedBeyondChance |= moved && beyond;
        }
        tally.rung(model, "model verdict (headline)", was.verdict(), now.verdict(), anyMovedBeyondChance || !anyMoved);
        was.phases().forEach((phase, rung) -> tally.rung(model.during(phase), "model verdict", rung, now.phases().get(phase),
                beyondChance.get(phase)));
    }

    private static boolean fromWhatDevicesDid(ModelVerdict rung) {
        return rung == ModelVerdict.FAIL_OPEN || rung == ModelVerdict.STUCK_IN_LAST_STATE;
    }
}
