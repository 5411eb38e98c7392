package io.cloudcut.harness;

import io.cloudcut.observation.PhaseObserved;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.StateObserved;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beds, the child locks and the vacuums' stop, cut off from the cloud (links refused) for long
 * enough that every session lapses: what each firmware then does, from the probes and the states
 * the devices report. These are the observations the model verdicts are judged on: the lock-all bed
 * stuck in its last state, the offline-mode bed keeping its buttons, a child lock failing open and
 * one failing closed.
 */
class DevicesWhoseStateMattersTest {

    /** The outage is probed every 15 minutes; its first 90 minutes settle (they place changes, they judge nothing). */
    private static final int STEADY_ROUNDS = 6;

    @TempDir
    static Path dir;
    static ScenarioRuns run;

    @BeforeAll
    static void cutEveryLinkUntilTheSessionsLapse() throws Exception {
        run = ScenarioRuns.run(dir, """
                name: state-matters
                timeScale: 3600
                probe: {rounds: 2, timeout: 1s}
                fleet:
                  - {model: bed-cloud-locked}
                  - {model: bed-offline-mode}
                  - {model: vacuum-child-lock}
                  - {model: vacuum-cloud-child-lock}
                  - {model: vacuum-child-lock-cloud-locked}
                  - {model: vacuum-local-first}
                  - {model: vacuum-cloud-locked}
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  # settle: every token (1 h at most) has expired before the first outage probe
                  - {name: outage, kind: outage, duration: 3h, settle: 90m, faults: [{link: all, fault: refuse}]}
                  - {name: recovery, kind: recovery, duration: 3h}
                """);
    }

    @Test
    void everyFunctionWorksInTheBaseline() {
        assertThat(probes("baseline")).isNotEmpty().allSatisfy(probe ->
                assertThat(probe.outcome()).as("%s %s: %s", probe.device(), probe.function(), probe.detail())
                        .isEqualTo(ProbeOutcome.OK));
    }

    @Test
    void theLockAllBedRefusesItsButtonsAndStaysWarmingAndInclinedThroughTheOutage() {
        assertThat(outcomes("bed-cloud-locked", "temperature-buttons")).containsOnly(ProbeOutcome.REFUSED).hasSize(STEADY_ROUNDS);
        assertThat(outcomes("bed-cloud-locked", "incline-buttons")).containsOnly(ProbeOutcome.REFUSED).hasSize(STEADY_ROUNDS);
        assertThat(outcomes("bed-cloud-locked", "adjust-from-app")).doesNotContain(ProbeOutcome.OK);

        List<StateObserved> states = statesUntilTheOutageEnds("bed-cloud-locked-1");
        assertThat(states).as("states up to the end of the outage").isNotEmpty()
                .allSatisfy(state -> assertThat(state.atRest()).as(state.state()).isFalse());
        assertThat(states.get(states.size() - 1).state()).isEqualTo("heating, inclined");
        assertThat(states.get(0).atMillis()).isLessThan(phaseStartedAt("outage"));
    }

    @Test
    void theOfflineModeBedKeepsItsButtons() {
        assertThat(outcomes("bed-offline-mode", "temperature-buttons")).containsOnly(ProbeOutcome.OK).hasSize(STEADY_ROUNDS);
        assertThat(outcomes("bed-offline-mode", "incline-buttons")).containsOnly(ProbeOutcome.OK).hasSize(STEADY_ROUNDS);
        assertThat(probes("outage")).filteredOn(probe -> probe.model().equals("bed-offline-mode")
                        && probe.function().equals("temperature-buttons"))
                .extracting(ProbeObserved::detail).as("each press one step, down then back up")
                .containsOnly("temperature +4 -> +3", "temperature +3 -> +4").hasSize(STEADY_ROUNDS);
        assertThat(outcomes("bed-offline-mode", "adjust-from-app")).doesNotContain(ProbeOutcome.OK);
    }

    @Test
    void aChildLockHeldOnTheRobotStillProtectsWhileTheAppCannotSetIt() {
        assertThat(outcomes("vacuum-child-lock", "child-lock")).containsOnly(ProbeOutcome.OK).hasSize(STEADY_ROUNDS);
        assertThat(outcomes("vacuum-child-lock", "clean-button")).containsOnly(ProbeOutcome.OK);
        assertThat(outcomes("vacuum-child-lock", "child-lock-from-app")).doesNotContain(ProbeOutcome.OK);
    }

    @Test
    void aChildLockKeptInTheCloudFailsOpenOnceTheSessionLapses() {
        assertThat(baselineOutcomes("vacuum-cloud-child-lock", "child-lock")).containsOnly(ProbeOutcome.OK);
        assertThat(outcomes("vacuum-cloud-child-lock", "child-lock")).containsOnly(ProbeOutcome.UNPROTECTED).hasSize(STEADY_ROUNDS);
        assertThat(probes("outage")).filteredOn(probe -> probe.model().equals("vacuum-cloud-child-lock")
                        && probe.function().equals("child-lock"))
                .allSatisfy(probe -> assertThat(probe.detail()).contains("a press started the vacuum"));
        assertThat(outcomes("vacuum-cloud-child-lock", "clean-button")).containsOnly(ProbeOutcome.OK);
    }

    @Test
    void aChildLockOnLockAllFirmwareFailsClosedWithTheOwnersButton() {
        assertThat(outcomes("vacuum-child-lock-cloud-locked", "child-lock")).containsOnly(ProbeOutcome.REFUSED).hasSize(STEADY_ROUNDS);
        assertThat(outcomes("vacuum-child-lock-cloud-locked", "clean-button")).containsOnly(ProbeOutcome.REFUSED);
    }

    @Test
    void theLocalFirstVacuumStopsAndGoesHomeOfflineAndTheLockedOneDoesNot() {
        assertThat(outcomes("vacuum-local-first", "stop")).containsOnly(ProbeOutcome.OK).hasSize(STEADY_ROUNDS);
        assertThat(probes("outage")).filteredOn(probe -> probe.model().equals("vacuum-local-first")
                        && probe.function().equals("stop"))
                .allSatisfy(probe -> assertThat(probe.detail()).startsWith("stopped ("));
        assertThat(outcomes("vacuum-local-first", "return-to-base")).containsOnly(ProbeOutcome.OK);
        assertThat(outcomes("vacuum-cloud-locked", "stop")).containsOnly(ProbeOutcome.REFUSED).hasSize(STEADY_ROUNDS);
    }

    private static List<ProbeOutcome> outcomes(String model, String function) {
        return outcomesIn("outage", model, function);
    }

    private static List<ProbeOutcome> baselineOutcomes(String model, String function) {
        return outcomesIn("baseline", model, function);
    }

    private static List<ProbeOutcome> outcomesIn(String phase, String model, String function) {
        return probes(phase).stream().filter(probe -> probe.model().equals(model) && probe.function().equals(function))
                .map(ProbeObserved::outcome).toList();
    }

    /** The phase's probes once it has settled. */
    private static List<ProbeObserved> probes(String phase) {
        return run.observations().stream().filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                .filter(probe -> probe.phase().equals(phase) && !probe.settling()).toList();
    }

    private static List<StateObserved> statesUntilTheOutageEnds(String device) {
        long outageEnded = run.observations().stream().filter(PhaseObserved.class::isInstance)
                .map(PhaseObserved.class::cast).filter(phase -> phase.phase().equals("outage") && !phase.started())
                .mapToLong(PhaseObserved::atMillis).findFirst().orElseThrow();
        return run.observations().stream().filter(StateObserved.class::isInstance).map(StateObserved.class::cast)
                .filter(state -> state.device().equals(device) && state.atMillis() <= outageEnded).toList();
    }

    private static long phaseStartedAt(String name) {
        return run.observations().stream().filter(PhaseObserved.class::isInstance).map(PhaseObserved.class::cast)
                .filter(phase -> phase.phase().equals(name) && phase.started())
                .mapToLong(PhaseObserved::atMillis).findFirst().orElseThrow();
    }
}
