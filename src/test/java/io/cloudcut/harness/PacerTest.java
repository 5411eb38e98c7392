package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.observation.RunStartedObserved;
import io.cloudcut.scenario.ScenarioClock;
import io.cloudcut.testing.ObservationRecorder;
import io.cloudcut.testing.Project;
import io.cloudcut.testing.RunsAlone;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real time after a transition, then a ramp whose scale grows with the scenario time since it, up to
 * the phase's. Alone: each step of the clock is checked against the real time it was taken at, and a
 * busy machine beside it stretches the moment between a step's computation and its record. Its tests
 * run side by side with each other (each its own Vert.x and clock): they wait, and barely compute.
 */
@RunsAlone
@Execution(ExecutionMode.CONCURRENT)
class PacerTest {

    private Vertx vertx;
    private ScenarioClock clock;
    private ObservationLog log;
    private final ObservationRecorder recorder = new ObservationRecorder();
    private Pacer pacer;
    private final AtomicLong cloudBehindMillis = new AtomicLong();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        clock = ScenarioClock.stopped();
        log = new ObservationLog();
        log.watch(recorder);
        // A run's log begins with what ran.
        log.add(RunStartedObserved.of(load(Scenarios.loader(Project.root())), "embedded"));
        pacer = new Pacer(vertx, clock, log, () -> Future.succeededFuture(cloudBehindMillis.get()));
    }

    @AfterEach
    void stop() {
        pacer.close();
        clock.close();
        vertx.close().await();
    }

    @Test
    void aTransitionRunsInRealTimeForItsWindowThenRampsToThePhaseScale() {
        pacer.start(600);
        pacer.transition(Duration.ofMillis(500));
        assertThat(clock.scale()).isEqualTo(1);
        awaitScale(600);

        List<ClockObserved> changes = changes();
        assertThat(changes.get(0)).isEqualTo(new ClockObserved(0, 600, ClockObserved.Why.START));
        ClockObserved transition = changes.get(1);
        assertThat(transition.why()).isEqualTo(ClockObserved.Why.TRANSITION);
        assertThat(transition.scale()).isEqualTo(1);
        List<ClockObserved> ramp = changes.subList(2, changes.size());
        assertThat(ramp).allSatisfy(step -> assertThat(step.why()).isEqualTo(ClockObserved.Why.RAMP));
        assertThat(ramp.get(ramp.size() - 1).scale()).isEqualTo(600);
        for (ClockObserved step : ramp) {
            double since = (step.atMillis() + 2 - transition.atMillis()) / 1000.0;
            assertThat(since).as("no ramp before the window is over").isGreaterThanOrEqualTo(0.5);
            assertThat(step.scale()).as("the scale never outruns the scenario time since the transition (%s)", step)
                    .isLessThanOrEqualTo(Math.max(1, since / (Pacer.RAMP.toMillis() / 1000.0)) * 1.01);
        }
        for (int i = 1; i < ramp.size(); i++) {
            assertThat(ramp.get(i).scale()).isGreaterThan(ramp.get(i - 1).scale());
        }
    }

    /** Before link faults are reverted the clock slows down on the ramp's slope, to real time when the moment comes. */
    @Test
    void approachingATransitionSlowsTheClockToRealTimeByItsMoment() throws InterruptedException {
        pacer.start(600);
        Duration moment = clock.now().plus(Duration.ofMinutes(20));
        pacer.approach(moment);
        clock.awaitMoment(moment);
        assertThat(clock.scale()).as("real time when the moment comes").isEqualTo(1);

        List<ClockObserved> changes = changes();
        List<ClockObserved> slowing = changes.stream().filter(c -> c.why() == ClockObserved.Why.APPROACH).toList();
        assertThat(slowing).hasSizeGreaterThan(3);
        for (ClockObserved step : slowing) {
            // A step is decided after the change before it was recorded, and recorded a moment after it is decided: at
            // 40x a millisecond of a busy machine between the two is 40 ms of scenario time less left (a CI run's
            // 40.05x against 39.94x). The time left when the step before was recorded bounds it from above.
            ClockObserved before = changes.get(changes.indexOf(step) - 1);
            double left = (moment.toMillis() - before.atMillis() + 2) / 1000.0;
            assertThat(step.scale()).as("never faster than the scenario time left (%s, after %s)", step, before)
                    .isLessThanOrEqualTo(Math.max(1, left / (Pacer.RAMP.toMillis() / 1000.0)) * 1.01);
        }
        for (int i = 1; i < slowing.size(); i++) {
            assertThat(slowing.get(i).scale()).isLessThan(slowing.get(i - 1).scale());
        }
    }

    @Test
    void aPhaseChangesTheScaleAtOnceUnlessARampIsUnderWay() {
        pacer.start(100);
        pacer.phase(200);
        assertThat(clock.scale()).isEqualTo(200);
        pacer.transition(Duration.ofSeconds(30));
        pacer.phase(50);
        assertThat(clock.scale()).as("the window goes on in real time").isEqualTo(1);
    }

    /** A storm leaves the cloud behind: the clock slows down to real time if need be, and climbs back once it has caught up. */
    @Test
    void aCloudFallingBehindSlowsTheClockUntilItCatchesUp() {
        pacer.start(600);
        cloudBehindMillis.set(Pacer.CLOUD_BEHIND.toMillis());
        await("the phase's scale with a cloud within its tolerance").during(Pacer.CLOUD_ASKED_EVERY.multipliedBy(3))
                .atMost(30, SECONDS).until(() -> clock.scale() == 600);
        assertThat(changes()).as("a cloud within its tolerance").noneMatch(change -> change.why() == ClockObserved.Why.CLOUD);
        assertThat(pacer.heldBack()).isFalse();

        cloudBehindMillis.set(Pacer.CLOUD_BEHIND.toMillis() + 1);
        awaitScale(1);
        assertThat(changes().get(changes().size() - 1)).as("at once").isEqualTo(
                new ClockObserved(changes().get(changes().size() - 1).atMillis(), 1, ClockObserved.Why.CLOUD));
        await("real time while the cloud is behind, longer than a transient").during(Pacer.BRIEFLY_BEHIND.plus(
                Pacer.CLOUD_ASKED_EVERY)).atMost(30, SECONDS).until(() -> clock.scale() == 1);
        pacer.phase(900);
        assertThat(clock.scale()).as("a new phase waits for the cloud too").isEqualTo(1);
        assertThat(pacer.heldBack()).isTrue();

        int slowed = changes().size();
        cloudBehindMillis.set(0);
        awaitScale(900);
        assertThat(pacer.heldBack()).as("climbed back").isFalse();
        List<ClockObserved> climbing = changes().subList(slowed, changes().size());
        assertThat(climbing).hasSizeGreaterThan(3).allSatisfy(step -> assertThat(step.why()).isEqualTo(ClockObserved.Why.CLOUD));
        assertThat(climbing.get(0).scale()).as("from real time, after a cloud behind for long").isLessThan(2);
        for (int i = 1; i < climbing.size(); i++) {
            assertThat(climbing.get(i).scale()).isGreaterThan(climbing.get(i - 1).scale());
        }
    }

    /** A transient (a collection, the compiler) holds the cloud up for a moment: the clock climbs back from half its scale. */
    @Test
    void aCloudBrieflyBehindClimbsBackFromHalfTheScaleItFellBehindAt() {
        pacer.start(600);
        cloudBehindMillis.set(Pacer.CLOUD_BEHIND.toMillis() + 1);
        awaitScale(1);
        int slowed = changes().size();

        cloudBehindMillis.set(0);
        awaitScale(600);
        List<ClockObserved> climbing = changes().subList(slowed, changes().size());
        assertThat(climbing).allSatisfy(step -> assertThat(step.why()).isEqualTo(ClockObserved.Why.CLOUD));
        assertThat(climbing.get(0).scale()).as("half the scale it fell behind at; %s", changes())
                .isBetween(300.0, 303.0);
        assertThat(pacer.heldBack()).as("climbed back").isFalse();
    }

    /**
     * A connect slow with nothing faulted holds the clock in real time until no connect has been slow for its device's
     * time-out, then the clock climbs back from real time, as after a cloud behind for long.
     */
    @Test
    void aSlowConnectHoldsTheClockInRealTimeForItsTimeOut_thenItClimbsBack() {
        pacer.start(600);
        Duration timeOut = Pacer.BRIEFLY_BEHIND.plusMillis(500);
        long slowAtNanos = System.nanoTime();
        pacer.connectSlow(timeOut);
        assertThat(clock.scale()).as("at once").isEqualTo(1);
        assertThat(changes().get(changes().size() - 1).why()).isEqualTo(ClockObserved.Why.CONNECTS);
        assertThat(pacer.heldBack()).isTrue();
        pacer.phase(900);
        assertThat(clock.scale()).as("a new phase waits for the connects too").isEqualTo(1);
        for (int more = 0; more < 10; more++) {
            pacer.connectSlow(timeOut);
        }
        assertThat(changes()).as("told once while it holds").filteredOn(change -> change.scale() == 1
                && change.why() == ClockObserved.Why.CONNECTS).hasSize(1);
        int slowed = changes().size();

        awaitScale(900);
        long heldMillis = (System.nanoTime() - slowAtNanos) / 1_000_000;
        assertThat(heldMillis).as("real time for the time-out, then the climb").isGreaterThanOrEqualTo(timeOut.toMillis());
        assertThat(pacer.heldBack()).as("climbed back").isFalse();
        List<ClockObserved> climbing = changes().subList(slowed, changes().size());
        assertThat(climbing).hasSizeGreaterThan(3).allSatisfy(step -> assertThat(step.why()).isEqualTo(ClockObserved.Why.CONNECTS));
        assertThat(climbing.get(0).scale()).as("from real time").isLessThan(2);
        assertThat(climbing.get(0).atMillis() - changes().get(slowed - 1).atMillis())
                .as("in real time for the time-out: scenario time ran as real time").isGreaterThanOrEqualTo(timeOut.toMillis() - 20);
    }

    /** A connect still waiting past its share of its time-out is a slow one before it ends: the clock holds real time for it. */
    @Test
    void aConnectWaitingLongerThanHalfItsTimeOutHoldsTheClock_beforeItEnds() {
        AtomicLong waitingMillis = new AtomicLong();
        Duration timeOut = Duration.ofMillis(800);
        pacer.watchBroker(() -> Future.succeededFuture(new BrokerWaits(waitingMillis.get(), 0, 0)), timeOut);
        pacer.start(600);
        long bound = (long) (timeOut.toMillis() * Pacer.CONNECT_SLOW_SHARE);
        waitingMillis.set(bound);
        await("its share of its time-out is not slow yet").during(Pacer.CLOUD_ASKED_EVERY.multipliedBy(3)).atMost(30, SECONDS)
                .until(() -> clock.scale() > 1 && !pacer.heldBack());

        waitingMillis.set(bound + 1);
        awaitScale(1);
        assertThat(changes().get(changes().size() - 1).why()).isEqualTo(ClockObserved.Why.CONNECTS);
        await("real time while it waits").during(timeOut.plus(Pacer.CLOUD_ASKED_EVERY)).atMost(30, SECONDS)
                .until(() -> clock.scale() == 1);

        waitingMillis.set(0);
        awaitScale(600);
        assertThat(pacer.heldBack()).isFalse();
    }

    /**
     * At 600x, a fleet that starts {@code perScenarioSecond} connects a scenario second (as the proxy counts them), found
     * slow after a second: with 2, about 1,200 a real second, of which half is carried from then on. Returns once the
     * clock has climbed back from the hold.
     */
    private double foundSlowWhileTheFleetStarts(AtomicLong perScenarioSecond) {
        double[] started = {0};
        long[] countedAt = {0};
        Duration timeOut = Duration.ofMillis(800);
        pacer.watchBroker(() -> {
            long now = clock.now().toMillis();
            started[0] += (now - countedAt[0]) / 1000.0 * perScenarioSecond.get();
            countedAt[0] = now;
            return Future.succeededFuture(new BrokerWaits(0, 0, (long) started[0]));
        }, timeOut);
        pacer.start(600);
        await("a second of connects counted").during(Duration.ofSeconds(1)).atMost(30, SECONDS).until(() -> clock.scale() == 600);
        assertThat(pacer.connectsCarriedPerSecond()).as("nothing learnt before connects are slow").isInfinite();

        pacer.connectSlow(timeOut);
        double carried = pacer.connectsCarriedPerSecond();
        assertThat(carried).as("half of about 1,200 a real second").isBetween(450.0, 750.0);
        await().atMost(30, SECONDS).until(() -> clock.scale() > 1 && !pacer.heldBack());
        return carried;
    }

    /**
     * Once connects were found slow, the clock climbs back no faster than keeps the connects the fleet starts within half
     * the real rate at which they were: 2 a scenario second, 1,200 a real second at 600x, so 600 are carried and 300x is
     * the most. A fleet that starts more a scenario second slows it further.
     */
    @Test
    void connectsFoundSlowKeepTheFleetsConnectRateWithinHalfTheRateTheyWereFoundSlowAt() {
        AtomicLong perScenarioSecond = new AtomicLong(2);
        double carried = foundSlowWhileTheFleetStarts(perScenarioSecond);
        await("climbed back, never past the rate's bound").during(Duration.ofSeconds(2)).atMost(30, SECONDS)
                .until(() -> clock.scale() <= carried / 2 * 1.05);

        perScenarioSecond.set(8);
        // Connects in time at what is carried show this machine carries more (ConnectRateTest): what it carries now.
        await("slower for a fleet that starts more").atMost(30, SECONDS)
                .until(() -> clock.scale() <= pacer.connectsCarriedPerSecond() / 8 * Pacer.STEP * 1.05
                        && changes().get(changes().size() - 1).why() == ClockObserved.Why.CONNECT_RATE);
        double carriedAtTheEnd = pacer.connectsCarriedPerSecond();
        assertThat(changes()).filteredOn(change -> change.why() == ClockObserved.Why.CONNECT_RATE)
                .allMatch(change -> change.scale() <= carriedAtTheEnd / 2 * 1.05);
    }

    /**
     * Once this machine is known to carry about 600 connects a real second, a wave of 2,000 attempts due over 10 s of
     * scenario time with nothing faulted takes turns at the clock: it does not slow for their rate, as it did before
     * attempts took turns (a herd due at one moment was a herd at any scale).
     */
    @Test
    void aWaveOfAttemptsWithNothingFaultedTakesTurns_theClockDoesNotSlowForItsRate() {
        foundSlowWhileTheFleetStarts(new AtomicLong(2));
        await().atMost(30, SECONDS).until(() -> clock.scale() > 10);

        pacer.connectionsFaulted(false);
        int toldBefore = changes().size();
        int wave = 2_000;
        AtomicInteger came = new AtomicInteger();
        for (int attempt = 0; attempt < wave; attempt++) {
            attemptEndingAtOnce(Duration.ofSeconds(300).plusMillis(attempt * 5L), came::incrementAndGet);
        }
        await("the wave has come").atMost(60, SECONDS).until(() -> came.get() == wave);
        assertThat(changes().subList(toldBefore, changes().size())).as("no slowdown for the wave's rate")
                .noneMatch(change -> change.why() == ClockObserved.Why.CONNECT_RATE);
    }

    /**
     * With nothing faulted on connections, the clock admits {@link Pacer#ATTEMPTS_AT_ONCE_A_CORE} attempts a core at once and
     * stands still while more wait; under a fault, every attempt runs when due.
     */
    @Test
    void attemptsAreAdmittedAFewAtOnceWithNothingFaulted_andAllAtOnceUnderAFault() {
        clock.start(60);
        int atOnce = Pacer.ATTEMPTS_AT_ONCE_A_CORE * Runtime.getRuntime().availableProcessors();
        AtomicInteger ran = new AtomicInteger();
        pacer.connectionsFaulted(false);
        for (int attempt = 0; attempt <= atOnce; attempt++) {
            clock.scheduleAttempt(Duration.ofSeconds(30), Runnable::run, ran::incrementAndGet);
        }
        await().atMost(30, SECONDS).until(() -> ran.get() == atOnce && clock.standing());

        pacer.connectionsFaulted(true);
        await().atMost(10, SECONDS).until(() -> ran.get() == atOnce + 1 && !clock.standing());
        await().atMost(10, SECONDS).until(() -> changes().stream().anyMatch(change -> change.why() == ClockObserved.Why.ATTEMPTS));
    }

    /** An attempt due later than now that runs {@code action} and ends at once, as a connect this machine carries in no time. */
    private void attemptEndingAtOnce(Duration delay, Runnable action) {
        AtomicReference<ScenarioClock.Attempt> self = new AtomicReference<>();
        self.set(clock.scheduleAttempt(delay, Runnable::run, () -> {
            action.run();
            self.get().ended();
        }));
    }

    /**
     * A publish the broker has left unanswered past the same share of its device's time-out holds the clock too, before
     * it is answered: the device's acknowledgement time-out is its connect time-out. Its wait does not bound the ramp as
     * a connect's does.
     */
    @Test
    void aPublishTheBrokerHasNotAnsweredForLongerThanItsShareOfTheTimeOut_holdsTheClock() {
        AtomicLong waitingMillis = new AtomicLong();
        Duration timeOut = Duration.ofMillis(800);
        pacer.watchBroker(() -> Future.succeededFuture(new BrokerWaits(0, waitingMillis.get(), 0)), timeOut);
        pacer.start(600);
        long bound = (long) (timeOut.toMillis() * Pacer.CONNECT_SLOW_SHARE);
        waitingMillis.set(bound);
        await("its share of its time-out is not slow yet").during(Pacer.CLOUD_ASKED_EVERY.multipliedBy(3)).atMost(30, SECONDS)
                .until(() -> clock.scale() == 600 && !pacer.heldBack());

        waitingMillis.set(bound + 1);
        awaitScale(1);
        assertThat(changes().get(changes().size() - 1).why()).isEqualTo(ClockObserved.Why.CONNECTS);

        waitingMillis.set(0);
        awaitScale(600);
        assertThat(pacer.heldBack()).isFalse();
    }

    /** Each slow connect holds the clock for its own time-out from when it was heard of, the cloud's lag or not. */
    @Test
    void slowConnectsKeepTheClockInRealTimeUntilTheLastOnesTimeOut_andACloudBehindToo() {
        pacer.start(600);
        pacer.connectSlow(Duration.ofMillis(300));
        cloudBehindMillis.set(Pacer.CLOUD_BEHIND.toMillis() + 1);
        await("real time while the cloud is behind, past the connects' time-out").during(Duration.ofMillis(900))
                .atMost(30, SECONDS).until(() -> clock.scale() == 1);
        cloudBehindMillis.set(0);
        pacer.connectSlow(Duration.ofMillis(1_500));
        await("real time until the last slow connect's time-out").during(Duration.ofMillis(1_200))
                .atMost(30, SECONDS).until(() -> clock.scale() == 1);
        awaitScale(600);
        assertThat(pacer.heldBack()).isFalse();
        assertThat(changes()).as("each reason it held real time for is told, though the clock stood at real time already")
                .filteredOn(change -> change.scale() == 1).extracting(ClockObserved::why)
                .contains(ClockObserved.Why.CONNECTS, ClockObserved.Why.CLOUD);
    }

    /**
     * Connects under the bound that holds real time, but longer than the ramp allows for, slow the climb: the longest heard
     * of lately spans at most a tenth of the scenario time since the transition. Once none is heard of, the ramp resumes.
     */
    @Test
    void aConnectsDelayKeepsItWithinATenthOfTheScenarioTimeSinceTheTransition_untilNoneIsHeardOf() {
        Duration timeOut = Duration.ofSeconds(10);
        Duration took = Duration.ofMillis(200);
        pacer.start(600);
        pacer.transition(Duration.ofMillis(100));
        long transitionAt = changes().get(changes().size() - 1).atMillis();
        long telling = vertx.setPeriodic(50, tick -> pacer.connectTook(took, timeOut));
        double slope = took.toMillis() / Pacer.CONNECT_SPAN_SHARE / 1000.0;
        await().atMost(30, SECONDS).until(() -> (clock.now().toMillis() - transitionAt) / 1000.0 > 2 * slope);
        double since = (clock.now().toMillis() - transitionAt) / 1000.0;
        assertThat(clock.scale()).as("on the connects' slope, far under the ramp's (%.1f s since the transition)", since)
                .isLessThanOrEqualTo(Math.max(1, (since + 0.01) / slope) * 1.01);
        vertx.cancelTimer(telling);
        int told = changes().size();

        awaitScale(600);
        List<ClockObserved> slowed = changes().subList(0, told).stream()
                .filter(change -> change.why() == ClockObserved.Why.CONNECT_DELAY).toList();
        assertThat(slowed).as("told why").isNotEmpty();
        for (ClockObserved step : slowed) {
            double stepSince = (step.atMillis() + 2 - transitionAt) / 1000.0;
            assertThat(step.scale()).as("never faster than the connects' slope allows (%s)", step)
                    .isLessThanOrEqualTo(Math.max(1, stepSince / slope) * 1.01);
        }
        assertThat(changes()).as("under the bound that holds real time").noneMatch(change -> change.why() == ClockObserved.Why.CONNECTS);
        assertThat(pacer.heldBack()).isFalse();
    }

    /** A connect the ramp allows for (a tenth of it or less) leaves the ramp as it is. */
    @Test
    void aConnectWithinTheRampsAllowanceLeavesTheRampAlone() {
        Duration took = Duration.ofNanos((long) (Pacer.RAMP.toNanos() * Pacer.CONNECT_SPAN_SHARE));
        pacer.start(600);
        pacer.transition(Duration.ofMillis(100));
        long telling = vertx.setPeriodic(50, tick -> pacer.connectTook(took, Duration.ofSeconds(10)));
        try {
            awaitScale(600);
        } finally {
            vertx.cancelTimer(telling);
        }
        assertThat(changes()).noneMatch(change -> change.why() == ClockObserved.Why.CONNECT_DELAY);
    }

    /** A service far behind answers late, behind what it has yet to read: the wait for its answer is its lag. */
    @Test
    void aCloudThatDoesNotAnswerIsBehind_untilItAnswersThatItHasCaughtUp() {
        Promise<Long> answer = Promise.promise();
        try (Pacer waiting = new Pacer(vertx, clock, log, () -> answer.future())) {
            pacer.close();
            waiting.start(600);
            awaitScale(1);
            assertThat(changes().get(changes().size() - 1).why()).isEqualTo(ClockObserved.Why.CLOUD);
            assertThat(waiting.heldBack()).isTrue();
            assertThat(waiting.cloudLagMillis()).as("unanswered for that long: a message through it is as late")
                    .isGreaterThan(Pacer.CLOUD_BEHIND.toMillis());

            answer.complete(0L);
            awaitScale(600);
            assertThat(waiting.heldBack()).as("climbed back").isFalse();
            assertThat(waiting.cloudLagMillis()).isZero();
        }
    }

    /**
     * A cloud still behind with the clock at real time is behind for what the fleet sends it in real time: after the
     * longest wait the clock climbs on without it, the run's health says so, and once it has caught up it is waited for again.
     */
    @Test
    void aCloudThatStaysBehindAtRealTimeIsWaitedForOnlyUpToItsLimit_andTheRunSaysSo() {
        Duration limit = Duration.ofSeconds(2);
        try (Pacer waiting = new Pacer(vertx, clock, log, () -> Future.succeededFuture(cloudBehindMillis.get()), limit)) {
            pacer.close();
            waiting.start(600);
            cloudBehindMillis.set(738);
            awaitScale(1);
            long heldAt = System.nanoTime();
            assertThat(waiting.problem()).as("while it is waited for").isEmpty();

            await("on without the cloud").atMost(30, SECONDS).until(() -> clock.scale() == 600);
            assertThat(System.nanoTime() - heldAt).as("held for the limit first").isGreaterThanOrEqualTo(limit.toNanos());
            assertThat(waiting.heldBack()).isFalse();
            List<ClockObserved> gaveUp = changes().stream()
                    .filter(change -> change.why() == ClockObserved.Why.CLOUD_NOT_CAUGHT_UP).toList();
            assertThat(gaveUp).as("the moment it stopped waiting, then each step of the climb").hasSizeGreaterThan(3);
            assertThat(gaveUp.get(0).scale()).isEqualTo(1);
            assertThat(waiting.problem()).get().asString()
                    .startsWith("the emulated cloud did not catch up with the clock held at real time for it: ")
                    .contains("still 738 ms behind after 2s", "(1 time in all)", "the harness's, not the devices'");
            await("not held again while it stays behind").during(limit).atMost(30, SECONDS).until(() -> clock.scale() == 600);

            cloudBehindMillis.set(0);
            await("caught up: waited for again").atMost(30, SECONDS).until(() -> waiting.cloudLagMillis() == 0);
            cloudBehindMillis.set(738);
            awaitScale(1);
            assertThat(changes().get(changes().size() - 1).why()).isEqualTo(ClockObserved.Why.CLOUD);
            await("on without it once more").atMost(30, SECONDS).until(() -> clock.scale() == 600);
            assertThat(waiting.problem()).get().asString().contains("(2 times in all)");
        }
    }

    /** After the warm-up, the clock starts only once the cloud is within the pacer's bound, not merely under a second behind. */
    @Test
    void theClockWaitsForTheCloudToCatchUpBeforeItStarts() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        cloudBehindMillis.set(738);
        try (Pacer counting = new Pacer(vertx, clock, log, () -> {
            asked.incrementAndGet();
            return Future.succeededFuture(cloudBehindMillis.get());
        })) {
            CompletableFuture<Long> caughtUp = CompletableFuture.supplyAsync(() -> {
                try {
                    return counting.awaitCloudCaughtUp(Duration.ofMinutes(1));
                } catch (InfrastructureException failed) {
                    throw new CompletionException(failed);
                }
            });
            await().atMost(30, SECONDS).until(() -> asked.get() >= 3);
            assertThat(caughtUp).as("not while the cloud is 738 ms behind").isNotDone();

            cloudBehindMillis.set(Pacer.CLOUD_BEHIND.toMillis());
            assertThat(caughtUp.get(30, SECONDS)).isEqualTo(Pacer.CLOUD_BEHIND.toMillis());
        }
    }

    @Test
    void aCloudThatDoesNotCatchUpIsWaitedForOnlyUpToTheLimit() throws Exception {
        cloudBehindMillis.set(738);
        assertThat(pacer.awaitCloudCaughtUp(Duration.ofMillis(600))).as("the last look").isEqualTo(738);
    }

    @Test
    void theDetectionWindowCoversTheSlowestKeepaliveOfTheFleet() {
        // kinesis-2020's models: keepalive 2 s, noticed after two and a half of them, plus a second.
        var scenario = io.cloudcut.harness.Scenarios.loader(io.cloudcut.testing.Project.root());
        assertThat(Pacer.detectionWindow(load(scenario))).isEqualTo(Duration.ofSeconds(6));
    }

    private static io.cloudcut.scenario.Scenario load(io.cloudcut.scenario.ScenarioLoader loader) {
        try {
            return loader.load(io.cloudcut.testing.Project.file("scenarios/kinesis-2020.yaml"));
        } catch (io.cloudcut.scenario.ScenarioException e) {
            throw new AssertionError(e);
        }
    }

    private List<ClockObserved> changes() {
        return recorder.only(ClockObserved.class);
    }

    /**
     * Waits until the clock runs at {@code scale} and the pacer has said so: it sets the scale, then logs the change, and
     * a test that looked in between read the change before it (a clean-clone run once failed so).
     */
    private void awaitScale(double scale) {
        await().atMost(30, SECONDS).until(() -> {
            List<ClockObserved> changes = changes();
            return clock.scale() == scale && !changes.isEmpty() && changes.get(changes.size() - 1).scale() == scale;
        });
    }
}
