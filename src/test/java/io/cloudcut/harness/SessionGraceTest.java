package io.cloudcut.harness;

import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.report.FunctionVerdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doorbell with a 2 h grace period, cut off from auth for 6 hours: its token expires on the
 * scenario clock, it keeps its chime for exactly the grace period, then locks; the probes see the
 * flip at that moment.
 */
class SessionGraceTest {

    private static final Duration GRACE = Duration.ofHours(2);
    /** Timer granularity at 3600x (1 ms real is 3.6 s) plus event-loop latency on a busy machine. */
    private static final Duration TOLERANCE = Duration.ofMinutes(6);

    @TempDir
    static Path dir;
    static ScenarioRuns run;

    @BeforeAll
    static void cutAuthForSixHours() throws Exception {
        run = ScenarioRuns.run(dir, """
                name: grace
                timeScale: 3600
                probe: {rounds: 6, timeout: 1s}
                fleet: [{model: doorbell-grace, count: 2}]
                phases:
                  - {name: baseline, kind: baseline, duration: 1h}
                  - name: outage
                    kind: outage
                    duration: 6h
                    settle: 30m
                    faults:
                      - {service: auth, fault: down}
                      - {link: all, fault: blackhole}
                  - {name: recovery, kind: recovery, duration: 3h}
                """);
    }

    @Test
    void theChimeLocksWhenTheGracePeriodRunsOut() {
        for (String device : List.of("doorbell-grace-1", "doorbell-grace-2")) {
            long expiredAt = sessionChange(device, "expired");
            long lockedAt = sessionChange(device, "locked");
            assertThat(Duration.ofMillis(lockedAt - expiredAt)).as("%s grace period", device)
                    .isBetween(GRACE.minus(TOLERANCE), GRACE.plus(TOLERANCE));
            List<ProbeObserved> chimes = run.result().observations().stream()
                    .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                    .filter(p -> p.device().equals(device) && p.function().equals("chime") && p.phase().equals("outage"))
                    .toList();
            assertThat(chimes).hasSize(6);
            for (ProbeObserved chime : chimes) {
                if (chime.atMillis() < lockedAt - TOLERANCE.toMillis()) {
                    assertThat(chime.outcome()).as("%s chime before the lock", device).isEqualTo(ProbeOutcome.OK);
                } else if (chime.atMillis() > lockedAt + TOLERANCE.toMillis()) {
                    assertThat(chime.outcome()).as("%s chime after the lock", device).isEqualTo(ProbeOutcome.REFUSED);
                    assertThat(chime.detail()).contains("grace period over");
                }
            }
        }
        assertThat(run.report().model("doorbell-grace").functions().get(0).verdict()).isEqualTo(FunctionVerdict.DEGRADED);
        assertThat(run.report().model("doorbell-grace").sessions())
                .anySatisfy(change -> assertThat(change.change()).isEqualTo("locked"));
    }

    @Test
    void itSignsInAgainAndRecoversAfterTheOutage() {
        assertThat(run.report().model("doorbell-grace").recovery().recovered()).isEqualTo(2);
    }

    private static long sessionChange(String device, String change) {
        return run.result().observations().stream().filter(SessionObserved.class::isInstance)
                .map(SessionObserved.class::cast)
                .filter(s -> s.device().equals(device) && s.change().equals(change))
                .mapToLong(SessionObserved::atMillis).findFirst()
                .orElseThrow(() -> new AssertionError(device + " never saw its session " + change));
    }
}
