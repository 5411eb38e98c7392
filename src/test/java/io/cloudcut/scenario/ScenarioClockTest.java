package io.cloudcut.scenario;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Deadlines on the scenario clock run at their scenario moment, whatever the scale does meanwhile. */
class ScenarioClockTest {

    private ScenarioClock clock;

    @AfterEach
    void stop() {
        clock.close();
    }

    @Test
    void aStoppedClockStandsAtZero() {
        clock = ScenarioClock.stopped();
        assertThat(clock.now()).isZero();
        assertThat(clock.started()).isFalse();
        assertThatThrownBy(() -> clock.setScale(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeadlineRunsAtItsScenarioMomentAndNotBefore() {
        clock = ScenarioClock.running(3600);
        AtomicLong ranAt = new AtomicLong(-1);
        Duration moment = clock.now().plus(Duration.ofMinutes(30));
        clock.schedule(Duration.ofMinutes(30), Runnable::run, () -> ranAt.set(clock.nowMillis()));
        await().atMost(10, SECONDS).until(() -> ranAt.get() >= 0);
        assertThat(ranAt.get()).isGreaterThanOrEqualTo(moment.toMillis());
    }

    /** A wait set at 3600x (1 s real for an hour) that the clock slows to 1x: it must not run a second later. */
    @Test
    void slowingTheClockStretchesAPendingDeadline() {
        clock = ScenarioClock.running(3600);
        AtomicInteger ran = new AtomicInteger();
        clock.schedule(Duration.ofHours(1), Runnable::run, ran::incrementAndGet);
        clock.setScale(1);
        Duration slowedAt = clock.now();
        await().during(1500, MILLISECONDS).atMost(5, SECONDS)
                .until(() -> ran.get() == 0);
        assertThat(clock.now().minus(slowedAt)).isLessThan(Duration.ofMinutes(1));
        clock.setScale(36_000);
        await().atMost(10, SECONDS).until(() -> ran.get() == 1);
        assertThat(clock.now()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    /** A wait set at 1x (an hour of real time) that the clock speeds up: it runs when scenario time gets there. */
    @Test
    void speedingTheClockUpShortensAPendingDeadline() {
        clock = ScenarioClock.running(1);
        AtomicLong ranAt = new AtomicLong(-1);
        clock.schedule(Duration.ofHours(1), Runnable::run, () -> ranAt.set(clock.nowMillis()));
        clock.setScale(36_000);
        await().atMost(10, SECONDS).until(() -> ranAt.get() >= 0);
        assertThat(ranAt.get()).isGreaterThanOrEqualTo(Duration.ofHours(1).toMillis());
    }

    /** Before the start deadlines count down in real time; what remains of them at the start counts from zero. */
    @Test
    void beforeTheStartDeadlinesCountInRealTime() {
        clock = ScenarioClock.stopped();
        AtomicInteger quick = new AtomicInteger();
        AtomicLong slowRanAt = new AtomicLong(-1);
        clock.schedule(Duration.ofMillis(200), Runnable::run, quick::incrementAndGet);
        clock.schedule(Duration.ofMinutes(30), Runnable::run, () -> slowRanAt.set(clock.nowMillis()));
        await().atMost(5, SECONDS).until(() -> quick.get() == 1);
        assertThat(clock.now()).as("a stopped clock still reads zero").isZero();
        clock.start(3600);
        await().atMost(10, SECONDS).until(() -> slowRanAt.get() >= 0);
        // Late by a loaded machine's scheduling at most: 10 minutes at 3600x are 167 ms of real time.
        assertThat(slowRanAt.get()).as("what was left of 30 minutes, counted from zero")
                .isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(40).toMillis());
    }

    @Test
    void aPeriodicDeadlineRunsEveryPeriodOfScenarioTimeUntilCancelled() {
        clock = ScenarioClock.running(3600);
        List<Long> runs = new CopyOnWriteArrayList<>();
        ScenarioClock.Timer every = clock.every(Duration.ofMinutes(10), Runnable::run, () -> runs.add(clock.nowMillis()));
        await().atMost(10, SECONDS).until(() -> runs.size() >= 4);
        every.cancel();
        int afterCancel = runs.size();
        for (int i = 1; i < afterCancel; i++) {
            assertThat(runs.get(i) - runs.get(i - 1)).as("gap %d", i)
                    .isGreaterThanOrEqualTo(0).isLessThan(Duration.ofMinutes(20).toMillis());
        }
        assertThat(runs.get(afterCancel - 1)).isGreaterThanOrEqualTo(Duration.ofMinutes(10L * afterCancel).toMillis());
        await().during(500, MILLISECONDS).atMost(5, SECONDS)
                .until(() -> runs.size() <= afterCancel + 1);
    }

    @Test
    void aPeriodicDeadlineMayRunFirstSoonerThanItsPeriod_thenEveryPeriod() {
        clock = ScenarioClock.running(3600);
        List<Long> runs = new CopyOnWriteArrayList<>();
        ScenarioClock.Timer every = clock.every(Duration.ofHours(1), Duration.ofMinutes(5), Runnable::run,
                () -> runs.add(clock.nowMillis()));
        await().atMost(10, SECONDS).until(() -> runs.size() >= 2);
        every.cancel();
        // Late by a loaded machine's scheduling at most: 10 minutes at 3600x are 167 ms of real time.
        assertThat(runs.get(0)).as("the first run, five minutes in").isBetween(Duration.ofMinutes(5).toMillis(),
                Duration.ofMinutes(15).toMillis());
        assertThat(runs.get(1) - runs.get(0)).as("then a period").isGreaterThanOrEqualTo(Duration.ofMinutes(45).toMillis());
    }

    @Test
    void aCancelledDeadlineNeverRuns() {
        clock = ScenarioClock.running(3600);
        AtomicInteger ran = new AtomicInteger();
        clock.schedule(Duration.ofMinutes(30), Runnable::run, ran::incrementAndGet).cancel();
        AtomicInteger later = new AtomicInteger();
        clock.schedule(Duration.ofHours(1), Runnable::run, later::incrementAndGet);
        await().atMost(5, SECONDS).until(() -> later.get() == 1);
        assertThat(ran).hasValue(0);
    }

    /**
     * A herd of five attempts due at one moment, two admitted at once: the other three wait, and scenario time stands
     * still where they came due until the last has its turn; each turn comes as one admitted ends.
     */
    @Test
    void attemptsBeyondThoseAdmittedWait_andScenarioTimeStandsStillUntilTheLastHasItsTurn() {
        clock = ScenarioClock.running(3600);
        clock.admitAttempts(2);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<ScenarioClock.Attempt> attempts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            attempts.add(clock.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, () -> ran.add(index)));
        }
        await().atMost(10, SECONDS).until(() -> ran.size() == 2);
        await().atMost(5, SECONDS).until(clock::standing);
        Duration stoodAt = clock.now();
        await().during(300, MILLISECONDS).atMost(5, SECONDS).until(() -> ran.size() == 2 && clock.now().equals(stoodAt));
        assertThat(stoodAt).as("it stands where they came due").isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(clock.attemptStands()).isEqualTo(1);

        attempts.get(ran.get(0)).ended();
        await().atMost(5, SECONDS).until(() -> ran.size() == 3);
        assertThat(clock.now()).as("two wait still").isEqualTo(stoodAt);
        attempts.get(ran.get(1)).cancel(); // called off: its turn goes on too
        attempts.get(ran.get(2)).ended();
        await().atMost(5, SECONDS).until(() -> ran.size() == 5);
        await().atMost(5, SECONDS).until(() -> clock.now().compareTo(stoodAt.plusMinutes(1)) > 0);
        assertThat(ran).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(clock.attemptStands()).as("one herd, one stand").isEqualTo(1);
        assertThat(clock.held()).as("counted as standing still").isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    /** The attempts run while every one ran when due (into a fault) do not take the turns of those after: they never waited. */
    @Test
    void admittingMoreAtOnceLetsThoseWaitingRun_andEveryAttemptRunsWhenDueByDefault() {
        clock = ScenarioClock.running(3600);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            clock.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, ran::incrementAndGet);
        }
        await().atMost(10, SECONDS).until(() -> ran.get() == 3);
        assertThat(clock.attemptStands()).as("none admitted: none waits").isZero();

        clock.admitAttempts(1);
        for (int i = 0; i < 3; i++) {
            clock.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, ran::incrementAndGet);
        }
        await().atMost(5, SECONDS).until(() -> ran.get() == 4 && clock.standing());
        clock.admitAttempts(Integer.MAX_VALUE);
        await().atMost(5, SECONDS).until(() -> ran.get() == 6 && !clock.standing());
        assertThatThrownBy(() -> clock.admitAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An attempt that never says it ended (a client library's call that never comes back) does not keep the clock standing. */
    @Test
    void anAdmissionWhoseAttemptSaysNothingLapses() {
        clock = ScenarioClock.running(3600);
        clock.admitAttempts(1, Duration.ofMillis(500));
        AtomicInteger ran = new AtomicInteger();
        clock.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, ran::incrementAndGet);
        clock.scheduleAttempt(Duration.ofMinutes(1), Runnable::run, ran::incrementAndGet);
        await().atMost(10, SECONDS).until(() -> ran.get() == 2);
        await().atMost(5, SECONDS).until(() -> !clock.standing());
        assertThat(clock.held()).as("stood still until the lapse").isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void awaitingAMomentReturnsOnceScenarioTimeReachesIt() throws InterruptedException {
        clock = ScenarioClock.running(3600);
        clock.awaitMoment(Duration.ofMinutes(20));
        assertThat(clock.now()).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void awaitingAMomentReturnsSoonerWhenWhatItAlsoWaitsForCompletes() throws InterruptedException {
        clock = ScenarioClock.running(1);
        CompletableFuture<Void> allBack = new CompletableFuture<>();
        clock.schedule(Duration.ofMillis(50), Runnable::run, () -> allBack.complete(null));
        clock.awaitMoment(Duration.ofHours(2), allBack);
        assertThat(allBack).isDone();
        assertThat(clock.now()).isLessThan(Duration.ofHours(1));
    }

    @Test
    void aScaleMustBePositive() {
        clock = ScenarioClock.stopped();
        assertThatThrownBy(() -> clock.start(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.start(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A worker's clock follows the coordinator's: started where it stands, at its scale, and on every change. */
    @Test
    void aFollowingClockReadsWhatTheClockItFollowsReads() {
        clock = ScenarioClock.stopped();
        List<ScenarioClock.Setting> announced = new CopyOnWriteArrayList<>();
        clock.onChange(announced::add);
        try (ScenarioClock follower = ScenarioClock.stopped()) {
            AtomicLong ranAt = new AtomicLong(-1);
            follower.schedule(Duration.ofMinutes(30), Runnable::run, () -> ranAt.set(follower.nowMillis()));
            follower.follow(clock.setting());
            assertThat(follower.started()).as("a setting of a clock not started yet changes nothing").isFalse();

            clock.start(1);
            clock.setScale(3600);
            assertThat(announced).hasSize(2).allMatch(ScenarioClock.Setting::started);
            announced.forEach(follower::follow);
            assertThat(follower.started()).isTrue();
            assertThat(follower.scale()).isEqualTo(3600);
            // At 3600x a millisecond between the two reads is 3.6 s apart: a loaded machine took 3.4 ms once.
            long before = System.nanoTime();
            Duration followerNow = follower.now();
            Duration leaderNow = clock.now();
            Duration readsApart = Duration.ofNanos(System.nanoTime() - before);
            assertThat(followerNow.minus(leaderNow).abs()).as("one machine's processes share the real clock")
                    .isLessThanOrEqualTo(readsApart.multipliedBy(3600).plusMillis(1));

            await().atMost(10, SECONDS).until(() -> ranAt.get() >= 0);
            // Not early; late by at most half a real second at 3600x (a busy CI machine once ran it 17 ms late).
            assertThat(ranAt.get()).as("a wait set before the start keeps what was left of it")
                    .isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(60).toMillis());
        }
    }

    /** Joining a run under way: the follower starts at the scenario time the setting gives, not at zero. */
    @Test
    void aClockThatFollowsLateStartsWhereTheOtherStands() {
        clock = ScenarioClock.running(1);
        ScenarioClock.Setting late = new ScenarioClock.Setting(true, System.nanoTime(), Duration.ofHours(5).toNanos(), 1);
        clock.follow(late);
        assertThat(clock.now()).isBetween(Duration.ofHours(5), Duration.ofHours(5).plusSeconds(5));
        try (ScenarioClock follower = ScenarioClock.stopped()) {
            follower.follow(late);
            assertThat(follower.now()).isBetween(Duration.ofHours(5), Duration.ofHours(5).plusSeconds(5));
        }
    }

    /**
     * A heartbeat that misses its beats (a stalled event loop) holds scenario time still, so that no deadline
     * passes while what it waits for cannot run; beating again, it lets the clock run on from where it stood.
     */
    @Test
    void aLateHeartbeatHoldsScenarioTime_untilItBeatsAgain() {
        clock = ScenarioClock.stopped();
        ScenarioClock.Heartbeat loop = clock.heartbeat();
        clock.start(3600);
        AtomicInteger ran = new AtomicInteger();
        // Due 20 min on: 333 ms of real time, past the hold.
        clock.schedule(Duration.ofMinutes(20), Runnable::run, ran::incrementAndGet);
        await().atMost(10, SECONDS).until(clock::standing);
        Duration stood = clock.now();
        assertThat(stood).as("it runs on for the allowance past the last beat, and no further")
                .isLessThanOrEqualTo(ScenarioClock.HOLD_AFTER.multipliedBy(3600));
        await().during(500, MILLISECONDS).atMost(5, SECONDS)
                .until(() -> clock.now().equals(stood) && ran.get() == 0);
        assertThat(clock.held()).isGreaterThanOrEqualTo(Duration.ofMillis(500));

        long beforeBeat = System.nanoTime();
        loop.beat();
        Duration after = clock.now();
        long realSince = System.nanoTime() - beforeBeat;
        assertThat(after).as("it runs on from where it stood, not from where real time would have taken it")
                .isBetween(stood, stood.plusNanos(realSince * 3600).plusMillis(1));
        assertThat(clock.held()).as("the hold is counted once it ended").isGreaterThanOrEqualTo(Duration.ofMillis(500));
        await().pollInterval(20, MILLISECONDS).atMost(10, SECONDS).until(() -> {
            loop.beat();
            return ran.get() == 1;
        });
    }

    /** A clock that stands for a late heartbeat of its own says so, to the clock it follows. */
    @Test
    void aClockWaitingForItsOwnHeartbeatSaysSo() {
        clock = ScenarioClock.running(3600);
        assertThat(clock.standsOfItsOwn()).isFalse();
        ScenarioClock.Heartbeat loop = clock.heartbeat();
        await().atMost(10, SECONDS).until(clock::standsOfItsOwn);
        loop.stop();
        assertThat(clock.standsOfItsOwn()).isFalse();
    }

    /** A heartbeat that stopped is no longer waited for; one that beats lets the clock run. */
    @Test
    void aStoppedHeartbeatHoldsNothing_andABeatingOneLetsTheClockRun() {
        clock = ScenarioClock.running(3600);
        List<ScenarioClock.Setting> announced = new CopyOnWriteArrayList<>();
        clock.onChange(announced::add);
        ScenarioClock.Heartbeat gone = clock.heartbeat();
        ScenarioClock.Heartbeat beating = clock.heartbeat();
        await().atMost(10, SECONDS).until(clock::standing);
        gone.stop();
        assertThat(announced).as("the other heartbeat is late too").isEmpty();
        beating.beat();
        assertThat(announced).as("a clock that runs on after a hold tells those who follow it").hasSize(1);
        Duration ranOnAt = clock.now();
        // Beating every 20 ms (a loaded machine may still hold it now and then, as it should).
        await().pollInterval(20, MILLISECONDS).atMost(20, SECONDS).until(() -> {
            beating.beat();
            return clock.now().compareTo(ranOnAt.plusMinutes(20)) > 0;
        });
        beating.stop();
    }

    /**
     * A worker's clock stands with the coordinator's: a setting that says it stands holds the follower where
     * it stands; and a follower that stood longer for a stall of its own, and so reads behind, is not moved
     * back by the coordinator's next setting, but waits for it there.
     */
    @Test
    void aFollowingClockStandsWithTheOne_andNeverReadsBackwards() {
        clock = ScenarioClock.running(3600);
        try (ScenarioClock follower = ScenarioClock.stopped()) {
            follower.follow(clock.setting());
            ScenarioClock.Heartbeat coordinatorLoop = clock.heartbeat();
            await().atMost(10, SECONDS).until(clock::standing);
            ScenarioClock.Setting standing = clock.setting();
            assertThat(standing.standing()).isTrue();
            follower.follow(standing);
            Duration stood = follower.now();
            assertThat(follower.standing()).isTrue();
            assertThat(follower.standsOfItsOwn()).as("it stands for the other, not for one of its own: "
                    + "were it to say so, each would wait for the other").isFalse();
            await().during(300, MILLISECONDS).atMost(5, SECONDS).until(() -> follower.now().equals(stood));

            // The coordinator runs on from where it stood; a setting from before its stand reads later than that now.
            ScenarioClock.Setting earlier = new ScenarioClock.Setting(true, System.nanoTime(),
                    stood.minusMinutes(30).toNanos(), 3600);
            follower.follow(earlier);
            assertThat(follower.now()).as("not moved back").isEqualTo(stood);
            assertThat(follower.standing()).as("it waits for the other to get there; it is not held").isFalse();
            await().atMost(10, SECONDS).until(() -> follower.now().compareTo(stood.plusMinutes(10)) > 0);
            coordinatorLoop.stop();
        }
    }
}
