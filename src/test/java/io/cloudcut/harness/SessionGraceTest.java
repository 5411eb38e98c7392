package io.cloudcut.harness;

import io.cloudcut.observation.HealthObserved;
import io.cloudcut.report.RunReport;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.observation.ProbeObserved;
import io.cloudcut.observation.ProbeOutcome;
import io.cloudcut.observation.SessionObserved;
import io.cloudcut.report.ModelReport;
import io.cloudcut.report.ModelVerdict;
import io.cloudcut.report.VerdictTimeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doorbell with a 2 h grace period, cut off from auth for 6 hours: its token expires on the
 * scenario clock, it keeps its chime for exactly the grace period, then locks; the probes see the
 * flip, and the timeline places it within its stated resolution.
 */
class SessionGraceTest {

    private static final Duration GRACE = Duration.ofHours(2);
    private static final double FASTEST_SCALE = 3600;

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
                  - {name: recovery, kind: recovery, duration: 3h, untilAllBack: false}
                """);
    }

    @Test
    void theChimeLocksWhenTheGracePeriodRunsOut() {
        Duration tolerance = deadlineResolution();
        for (String device : List.of("doorbell-grace-1", "doorbell-grace-2")) {
            long expiredAt = sessionChange(device, SessionObserved.Change.EXPIRED);
            long lockedAt = sessionChange(device, SessionObserved.Change.LOCKED);
            assertThat(Duration.ofMillis(lockedAt - expiredAt)).as("%s grace period (resolution %s)", device, tolerance)
                    .isBetween(GRACE.minus(tolerance), GRACE.plus(tolerance));
            List<ProbeObserved> chimes = run.observations().stream()
                    .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                    .filter(p -> p.device().equals(device) && p.function().equals("chime") && p.phase().equals("outage"))
                    .toList();
            assertThat(chimes).as("a 6 h outage probed every 15 min").hasSize(24);
            for (ProbeObserved chime : chimes) {
                long answeredBy = chime.atMillis() + (long) (chime.latencyMillis() * FASTEST_SCALE);
                if (answeredBy < lockedAt - tolerance.toMillis()) {
                    assertThat(chime.outcome()).as("%s chime before the lock", device).isEqualTo(ProbeOutcome.OK);
                } else if (chime.atMillis() > lockedAt + tolerance.toMillis()) {
                    assertThat(chime.outcome()).as("%s chime after the lock", device).isEqualTo(ProbeOutcome.REFUSED);
                    assertThat(chime.detail()).contains("grace period over");
                }
            }
        }
        assertThat(run.report().model("doorbell-grace").sessions())
                .anySatisfy(change -> assertThat(change.change()).isEqualTo(SessionObserved.Change.LOCKED));
    }

    /**
     * The two devices' tokens lapse at different moments: the model keeps its chime until the first
     * locks, works for only one device (DEGRADED) until the second does, then fails closed; each
     * change is placed at the first round after it. The changes follow the locks in the order rounds met them: two
     * locks within one round are met in the order the round probes the devices, not the order they came (a CI run
     * locked one device at +8239 s and the other after it, before the round that began at +8102 s refused the other's
     * chime at +8327 s; the first device's chime was refused only a round later. Paired by the moment they came, the
     * first change was set against the lock it did not show.)
     */
    @Test
    void theTimelinePlacesEachLockWithinItsResolution() {
        ModelReport model = run.report().model("doorbell-grace");
        VerdictTimeline timeline = model.timeline();
        assertThat(model.verdict()).as("it came to refuse its own chime").isEqualTo(ModelVerdict.FAIL_CLOSED);
        List<VerdictTimeline.Span> spans = timeline.spans();
        assertThat(spans.get(0).verdict()).isEqualTo(ModelVerdict.LOCAL_FUNCTION_KEPT);
        assertThat(spans.get(spans.size() - 1).verdict()).isEqualTo(ModelVerdict.FAIL_CLOSED);
        assertThat(spans).as(timeline.describe()).hasSizeBetween(2, 3);
        List<Lock> locks = List.of("doorbell-grace-1", "doorbell-grace-2").stream()
                .map(device -> {
                    ProbeObserved refused = firstRefusedChime(device);
                    return new Lock(sessionChange(device, SessionObserved.Change.LOCKED) / 1000.0 - timeline.originSeconds(),
                            refused.latencyMillis() * FASTEST_SCALE / 1000.0,
                            roundStartMillis(refused) / 1000.0 - timeline.originSeconds());
                })
                .sorted(Comparator.comparingDouble(Lock::roundStartSeconds)).toList();
        assertPlaced(spans.get(1).fromSeconds(), locks.get(0), timeline);
        assertPlaced(spans.get(spans.size() - 1).fromSeconds(), locks.get(1), timeline);
    }

    /**
     * A device's lock, how long in scenario time the probe that first met it was on its way, and when the round of
     * that probe began.
     */
    private record Lock(double atSeconds, double refusedProbeFlightSeconds, double roundStartSeconds) {
    }

    /**
     * A change shows at the first probe of the first round whose probe met it: at most one round spacing after it,
     * or before it by as long as that probe was on its way, or from that round's first probe, which may have come
     * before it. A round that began with the other device's chime at +8101 s, answered before the lock told at
     * +8306 s, and met the lock with this device's chime at +8326 s, placed it at +8101 s: a CI run failed on that
     * once this allowed only the probe's way. (Two CI runs before placed a lock 178 s and 216 s of
     * scenario time before it was told: the lock's timer ran 50-60 ms of real time late on a loaded machine, while
     * the chime was refused from the grace period's end. A lock is now told at that moment, as its refusals follow it.)
     */
    private static void assertPlaced(double placedAt, Lock lock, VerdictTimeline timeline) {
        double slack = deadlineResolution().toMillis() / 1000.0;
        assertThat(placedAt).as("a lock at +%.0f s placed at +%.0f s, its refused probe %.0f s on its way; timeline %s (resolution %.0f s); "
                                + "the chimes around it: %s", lock.atSeconds(), placedAt, lock.refusedProbeFlightSeconds(), timeline.describe(),
                        timeline.resolutionSeconds(), chimesAround(lock.atSeconds(), timeline))
                .isBetween(Math.min(lock.atSeconds() - lock.refusedProbeFlightSeconds(), lock.roundStartSeconds()) - slack,
                        lock.atSeconds() + timeline.resolutionSeconds() + slack);
    }

    /** Each chime probed within two rounds of {@code atSeconds}: when, which device, its outcome and real latency. */
    private static List<String> chimesAround(double atSeconds, VerdictTimeline timeline) {
        return run.observations().stream()
                .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                .filter(p -> p.function().equals("chime"))
                .filter(p -> Math.abs(p.atMillis() / 1000.0 - timeline.originSeconds() - atSeconds) <= 2 * timeline.resolutionSeconds())
                .map(p -> String.format("+%.0f s %s %s %d ms", p.atMillis() / 1000.0 - timeline.originSeconds(), p.device(), p.outcome(),
                        p.latencyMillis()))
                .toList();
    }

    private static ProbeObserved firstRefusedChime(String device) {
        return run.observations().stream()
                .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                .filter(p -> p.device().equals(device) && p.function().equals("chime") && p.outcome() == ProbeOutcome.REFUSED)
                .findFirst().orElseThrow(() -> new AssertionError(device + " never had its chime refused"));
    }

    /** The first probe of the model's round that {@code probe} was made in, as the timeline places a round. */
    private static long roundStartMillis(ProbeObserved probe) {
        return run.observations().stream()
                .filter(ProbeObserved.class::isInstance).map(ProbeObserved.class::cast)
                .filter(p -> p.model().equals(probe.model()) && p.phase().equals(probe.phase()) && p.round() == probe.round())
                .mapToLong(ProbeObserved::atMillis).min().orElseThrow();
    }

    @Test
    void itSignsInAgainAndRecoversAfterTheOutage() {
        assertThat(run.report().model("doorbell-grace").recovery().recovered()).isEqualTo(2);
        assertThat(run.phaseLasted("recovery")).as("a recovery played to its end (untilAllBack: false)")
                .isGreaterThanOrEqualTo(Duration.ofHours(3));
    }

    /**
     * How precisely a deadline on the scenario clock is observed: the harness's own delay at the fastest
     * scale of the run, plus a timer's grain. That delay is its event loops' lag (p99 over the run), or a
     * single stall's (the longest lag of any phase), of which scenario time runs on for at most
     * {@link ScenarioClock#HOLD_AFTER} before it stands still. A loaded CI run stamped a lock 80 ms of real
     * time (286 s of scenario time) after the probe that its refusal answered had started: both waited on a
     * stalled loop.
     */
    private static Duration deadlineResolution() {
        HealthObserved health = run.result().health(HealthObserved.Window.RUN).orElseThrow();
        long stallMillis = run.report().phases().stream().mapToLong(RunReport.PhaseReport::harnessLagMaxMillis).max().orElse(0);
        long delayMillis = Math.max(health.lagP99Millis(), Math.min(stallMillis, ScenarioClock.HOLD_AFTER.toMillis()));
        return Duration.ofMillis((long) ((delayMillis + 10) * FASTEST_SCALE));
    }

    private static long sessionChange(String device, SessionObserved.Change change) {
        return run.observations().stream().filter(SessionObserved.class::isInstance)
                .map(SessionObserved.class::cast)
                .filter(s -> s.device().equals(device) && s.change() == change)
                .mapToLong(SessionObserved::atMillis).findFirst()
                .orElseThrow(() -> new AssertionError(device + " never saw its session " + change));
    }
}
