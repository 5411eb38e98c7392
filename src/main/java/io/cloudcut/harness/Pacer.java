package io.cloudcut.harness;

import io.cloudcut.observation.ClockObserved;
import io.cloudcut.scenario.DeviceModel;
import io.cloudcut.scenario.Durations;
import io.cloudcut.scenario.Scenario;
import io.cloudcut.scenario.ScenarioClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sets the pace of the scenario clock so that the figures come from the devices, not from the scale.
 * At every transition (faults applied or reverted, a broker restart) the clock drops to real time
 * (1x) for a window, so that what devices do in real time then (keepalive detection, connect
 * timeouts, a client library's first retry, a probe round trip) is measured at its real length:
 * {@link #detectionWindow} when link faults are applied that devices notice only by their keepalive
 * or an ack timeout, {@link #SHORT_WINDOW} otherwise. After the window, the scale grows with the
 * scenario time elapsed since the transition, {@code scale = elapsed /} {@link #RAMP}, up to the
 * phase's scale: a firmware deadline t after a transition is then observed to within (the
 * harness's own delay / RAMP) of t, about 2% for a delay of 10 ms, whatever the scenario's scale,
 * and the ramp to 3600x costs about four real seconds. Before link faults are reverted or changed,
 * the clock slows down on the same slope ({@link #approach}), so that devices meet the change as
 * they would in real time.
 * <p>
 * The clock also never runs faster than the emulated cloud can follow. A fleet's traffic grows with
 * the scale, and a reconnect storm on top of it can leave the cloud seconds behind its messages, when
 * cloud-path probes fail for the harness's reasons. So when the service furthest behind is more than
 * {@link #CLOUD_BEHIND} late reading its own canary, the clock drops to real time, as at a transition,
 * and stays there until the cloud has caught up; then it climbs back on the ramp's slope. Halving the
 * scale instead still left the cloud over a second behind in a storm of 2,000 devices: what is
 * queued by the time the lag shows must drain. The storm then takes longer in real time, and is measured.
 * A cloud that caught up within {@link #BRIEFLY_BEHIND} was held up by a transient (a collection, the
 * compiler), not by the load: the climb then starts from half the scale it fell behind at, not from
 * real time. From real time, the climb to 675x took 3.3 s of a 14 s baseline, and one bench run in
 * four kept only two thirds of its planned scale for a 200 ms lag. A cloud still behind after
 * {@link #CLOUD_WAITED_AT_MOST} at real time is not waited for any longer: the clock climbs on without it
 * until it has caught up, and the run's health says why ({@link #problem}).
 * <p>
 * Nor faster than this machine's connects can follow. With nothing faulted on connections, a connect that took
 * more than {@link #CONNECT_SLOW_SHARE} of its device's time-out, or ran out of it, was queued behind the
 * machine's other handshakes: a compressed clock lets every backoff of a reconnect storm run out within
 * a real second (2,000 devices' 10 min backoffs within 1.2 s at 511x), and over TLS, where a connect costs four
 * handshake sides here, a fifth of them then never came back, each attempt running out of time and backing
 * off again. Such a connect holds the clock at real time, as a cloud behind does, until no connect has been
 * slow for its device's time-out, and the clock climbs back on the ramp's slope. So does a device that lost its
 * connection with nothing faulted on it: its broker or proxy answered later than its time-out; and a device publish
 * that the broker has left unanswered for that share of the time-out, faulted or not, as the proxy measures it.
 * <p>
 * Nor so fast that a connect's own real time, under that bound, lets the scenario run on. The ramp's slope assumes
 * the harness adds about 10 ms to what a device does; a connect that takes d of real time at scale s spans d times s
 * of scenario time, through which every other device's backoff and deadlines run (its own reconnect time counts the
 * attempt at its real length). In a plain storm of 1,000 devices at 1023x, connects took 15 ms at p50 and 456 ms at
 * p99: minutes of scenario time each on the ramp. So the clock runs no faster than keeps the longest connect heard of
 * lately ({@link RecentConnects}), with nothing faulted on it, within {@link #CONNECT_SPAN_SHARE} of the scenario
 * time since the last transition: {@code scale <= since / (longest / share)}, the ramp's line with a slope that
 * follows the connects' delay once it is longer than the ramp's own allowance.
 * <p>
 * Nor faster than this machine starts connects. Those bounds follow a herd, and a fleet whose jittered backoffs run out
 * one by one over a quarter of an hour is a herd again each time the clock climbs back. With nothing faulted on
 * connections, attempts take turns at the clock ({@link #ATTEMPTS_AT_ONCE_A_CORE}): a wave or a herd waits on a standing
 * clock, where no slower one spreads a herd due at one moment. Under a link or broker fault, where attempts end when the
 * fault says, the clock runs no faster, once connects were found slow, than keeps the connects the fleet starts with
 * nothing faulted on them, at their rate per scenario second, within half the real rate at which they were found slow
 * ({@link ConnectRate}).
 */
final class Pacer implements AutoCloseable {

    /** Scenario time since a transition per unit of scale after the window: the ramp's slope. */
    static final Duration RAMP = Duration.ofMillis(500);
    /** Real time after a transition that needs no detection: a probe round trip, a first retry. */
    static final Duration SHORT_WINDOW = Duration.ofSeconds(1);
    /** How much the wanted scale must move before the clock is told: fewer changes, same resolution within 50%. */
    static final double STEP = 1.5;
    private static final long TICK_MILLIS = 20;
    /**
     * How far behind the cloud may read before the clock drops to real time for it: a tenth of the
     * delay at which its canaries count late, so that it slows before a cloud-path probe can fail for
     * it, and above the broker's and an event loop's ordinary delays.
     */
    static final Duration CLOUD_BEHIND = Duration.ofMillis(100);
    static final Duration CLOUD_ASKED_EVERY = Duration.ofMillis(250);
    /**
     * A cloud back within this much real time of falling behind was held up by a transient: the clock
     * climbs back from half its scale then. A storm's lag lasts seconds, and the climb from real time
     * stands for it.
     */
    static final Duration BRIEFLY_BEHIND = Duration.ofSeconds(1);
    /**
     * The longest the clock is held at real time for a cloud that does not catch up. There the fleet sends the cloud the
     * least it can, so a cloud still behind is behind for what the fleet sends in real time, which no slower clock
     * lightens, and waiting for it on held a phase at real time for the whole of its scenario length: 1,000 Paho v3 devices after
     * {@code withhold-puback} kept the clock there for 9 min, their recoveries unmeasured, until the run was stopped by
     * hand. The longest drain measured after a storm took 28 s (10,000 devices on workers, the cloud 28 s behind).
     */
    static final Duration CLOUD_WAITED_AT_MOST = Duration.ofMinutes(2);
    /**
     * The share of its device's time-out beyond which a connect, with nothing faulted on connections, says the
     * machine's connects are queued: a quarter, so that the clock slows before the queue is a time-out deep. At half,
     * 1,000 HiveMQ devices over mutual TLS still lost a fifth of the cloud-locked vacuums' first attempts after a
     * blackhole in one run of two: their connects took 0.9-1.3 s, and at 400x the half second it took to pass the
     * bound was 3 min of scenario time.
     */
    static final double CONNECT_SLOW_SHARE = 0.25;
    /**
     * Connect attempts this machine runs at once a core, with nothing faulted on connections; one due beyond them waits,
     * and scenario time with it ({@link ScenarioClock#admitAttempts}). As many as {@code bench}'s bare clients connect
     * with at once: a herd of 1,000 Paho v3 devices (no jitter in its rule), all started at once after a {@code refuse},
     * ran out of its 1 s connect time-out 341 times with nothing faulted.
     */
    static final int ATTEMPTS_AT_ONCE_A_CORE = 50;
    /**
     * The most of the scenario time since the last transition that a connect with nothing faulted may span: a tenth,
     * so that what the fleet does meanwhile is shifted by the harness's connects by at most a tenth of that time.
     */
    static final double CONNECT_SPAN_SHARE = 0.1;
    /** How long a connect's delay bounds the scale after it was heard of: one to two of these. */
    static final Duration CONNECTS_REMEMBERED = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final ScenarioClock clock;
    private final ObservationLog log;
    private final Duration cloudWaitedAtMost;
    private final long ticker;
    private final Supplier<Future<Long>> cloudBehindMillis;
    private final long cloudAsker;
    private boolean askingTheCloud;
    /** How long devices have waited on the broker; null: not watched. */
    private Supplier<Future<BrokerWaits>> brokerWaits;
    private Duration connectTimeOut;
    private boolean askingTheBroker;
    private long askedAtNanos;
    /** How far behind the cloud service furthest behind read its messages when last asked, or has not answered for. */
    private long cloudLagMillis;
    /** Since when ({@link System#nanoTime}) the cloud has been behind without a break; -1: it is not behind. */
    private long cloudBehindSinceNanos = -1;
    /** The cloud stayed behind past {@link #cloudWaitedAtMost}: not waited for until it has caught up. */
    private boolean cloudNotWaitedFor;
    /** How often the cloud was not waited for, the first moment (scenario ms) and how far behind it was then. */
    private int cloudNotCaughtUpTimes;
    private long cloudFirstNotCaughtUpAtMillis;
    private long cloudFirstNotCaughtUpBehindMillis;
    /** Until when ({@link System#nanoTime}) connects count as slow: a slow one's device time-out after it was heard of. */
    private long connectsSlowUntilNanos = System.nanoTime();
    /** The highest scale the cloud and the machine's connects keep up with now: infinite unless either fell behind. */
    private double ceiling = Double.POSITIVE_INFINITY;
    /** Which fell behind last: the reason the clock gives while the ceiling holds it back. */
    private ClockObserved.Why ceilingWhy = ClockObserved.Why.CLOUD;
    /** What the clock is held back for now, each told once until it climbs back. */
    private final Set<ClockObserved.Why> heldFor = EnumSet.noneOf(ClockObserved.Why.class);
    /** Scenario time from which the ceiling climbs on the ramp's slope, once both have caught up; -1 while either is behind. */
    private long caughtUpNanos = -1;
    /** The scale the clock ran at when it was last held back, and when that was ({@link System#nanoTime}). */
    private double fellBehindAtScale;
    private long fellBehindAtNanos;
    private final RecentConnects recentConnects = new RecentConnects(CONNECTS_REMEMBERED, System.nanoTime());
    private final ConnectRate connectRate = new ConnectRate();
    /** How many of the clock's stands for attempts waiting to be admitted have been observed. */
    private long attemptStandsTold;
    /** Scenario time of the last transition (or of the start): what a recovery is measured from. */
    private long lastTransitionNanos;
    private Duration window = SHORT_WINDOW;
    /** Real time until {@link #release}: a change under way that takes its own time. */
    private boolean holding;
    private double target;
    private long transitionAtNanos = -1;
    private long approachNanos = -1;

    /** @param cloudBehindMillis how far behind the cloud service furthest behind reads its messages now */
    Pacer(Vertx vertx, ScenarioClock clock, ObservationLog log, Supplier<Future<Long>> cloudBehindMillis) {
        this(vertx, clock, log, cloudBehindMillis, CLOUD_WAITED_AT_MOST);
    }

    /** @param cloudWaitedAtMost the longest the clock is held at real time for a cloud that does not catch up */
    Pacer(Vertx vertx, ScenarioClock clock, ObservationLog log, Supplier<Future<Long>> cloudBehindMillis,
          Duration cloudWaitedAtMost) {
        this.vertx = vertx;
        this.clock = clock;
        this.log = log;
        this.cloudBehindMillis = cloudBehindMillis;
        this.cloudWaitedAtMost = cloudWaitedAtMost;
        this.ticker = vertx.setPeriodic(TICK_MILLIS, tick -> pace());
        this.cloudAsker = vertx.setPeriodic(CLOUD_ASKED_EVERY.toMillis(), tick -> askTheCloud());
    }

    /**
     * The real-time window after link faults are applied to this fleet: its slowest detection of a
     * silent link (two and a half keepalives: the idle time before a PINGREQ, then the wait for
     * its answer, as measured on the Vert.x client) or of a missing PUBACK (one connect timeout),
     * plus {@link #SHORT_WINDOW}.
     */
    static Duration detectionWindow(Scenario scenario) {
        Duration slowest = Duration.ZERO;
        for (DeviceModel model : scenario.models().values()) {
            Duration silent = model.keepAlive().multipliedBy(5).dividedBy(2);
            slowest = max(slowest, max(silent, model.connectTimeout()));
        }
        return slowest.plus(SHORT_WINDOW);
    }

    /**
     * Waits, on the calling thread (not an event loop), until the cloud service furthest behind is within
     * {@link #CLOUD_BEHIND}, or for {@code limit}: started sooner, the clock would drop to real time at its
     * first look at the cloud. (Waiting only for a cloud under a second behind, as canaries count late, a
     * 10,000-device run started its clock with commands 738 ms behind after the warm-up; they were over a
     * second behind at once, and the baseline was refused in three runs of four.)
     *
     * @return how far behind the cloud was at the last look, in milliseconds
     */
    long awaitCloudCaughtUp(Duration limit) throws InfrastructureException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long behind = Waits.await(cloudBehindMillis.get(), "asking the cloud services how far behind they are");
            if (behind <= CLOUD_BEHIND.toMillis() || System.nanoTime() >= deadline) {
                return behind;
            }
            Waits.pause(CLOUD_ASKED_EVERY);
        }
    }

    /**
     * From now on, also asks how long devices have waited on the broker ({@link DeviceHost#brokerWaits}), as often as it
     * asks the cloud: a connect waiting for its CONNACK, with nothing faulted on it, longer than {@link #CONNECT_SLOW_SHARE}
     * of {@code timeOut} (the tightest of the fleet's) is a slow connect before it ends. Heard of only once it connected,
     * the storm after a blackhole at 1,000 HiveMQ devices over mutual TLS had already run the clock up to 493x on connects
     * that took a second and a half each, 12 min of scenario time. A publish the broker has left unanswered that long is
     * slow too: the device's acknowledgement time-out is its connect time-out. Under {@code duplicate-publish} on MQTT 5,
     * whose copy waits for its original's answer, 1,000 devices at 771x waited for two answers of the embedded broker,
     * up to 474 ms each, and up to 892 of them lost their connections for {@code no PUBACK within 1000 ms}.
     */
    synchronized void watchBroker(Supplier<Future<BrokerWaits>> brokerWaits, Duration timeOut) {
        this.brokerWaits = brokerWaits;
        this.connectTimeOut = timeOut;
    }

    /** Starts the scenario clock at zero, at the first phase's scale. */
    synchronized void start(double scale) {
        target = scale;
        clock.start(scale);
        lastTransitionNanos = 0;
        log.add(new ClockObserved(0, scale, ClockObserved.Why.START));
    }

    /** A new phase runs at {@code scale}; a ramp under way goes on up to it. */
    synchronized void phase(double scale) {
        target = scale;
        if (transitionAtNanos < 0 && approachNanos < 0 && ceiling >= scale && connectBound() >= scale
                && rateBound() >= scale && clock.scale() != scale) {
            set(scale, ClockObserved.Why.PHASE);
        }
    }

    /** Something changed for the fleet: real time from now, for {@code window}, then the ramp. */
    synchronized void transition(Duration window) {
        this.window = window;
        holding = false;
        approachNanos = -1;
        transitionAtNanos = transitionNow();
    }

    /**
     * Something is changing for the fleet that takes its own real time, a broker stopping or starting:
     * real time from now until {@link #release} or the next {@link #transition}, however long it takes.
     * A window would end mid-change and ramp it up: a 4 s restart then lasted 97 s of scenario time at
     * 60x, and the fleet's recovery was measured from a broker down that long.
     */
    synchronized void holdRealTime() {
        holding = true;
        transitionAtNanos = transitionNow();
    }

    /** The change held for is done: the window the clock was in starts again from now, and an approach still stands. */
    synchronized void release() {
        holding = false;
        transitionAtNanos = transitionNow();
    }

    private long transitionNow() {
        lastTransitionNanos = set(1, ClockObserved.Why.TRANSITION).toNanos();
        return lastTransitionNanos;
    }

    /**
     * Link faults will be reverted or changed at {@code moment}: come to real time by then, on the
     * ramp's slope in reverse, so that what devices are doing when it comes (an attempt in flight,
     * how far into its backoff each is) is what it would be in real time, not an artefact of a
     * compressed clock, in which a one-second CONNACK wait spans half an hour.
     */
    synchronized void approach(Duration moment) {
        approachNanos = moment.toNanos();
    }

    /** What the progress line says about the pace. */
    synchronized String describe() {
        String pace = transitionAtNanos < 0 ? Durations.number(target) + "x"
                : holding ? "real time"
                : "real time for " + Durations.format(window) + " then ramping to " + Durations.number(target) + "x";
        return approachNanos >= 0 ? pace + ", slowing to real time before the phase ends" : pace;
    }

    @Override
    public void close() {
        vertx.cancelTimer(ticker);
        vertx.cancelTimer(cloudAsker);
    }

    /**
     * The cloud is {@code millis} behind now: past {@link #CLOUD_BEHIND}, real time until it is not, for at most
     * {@link #cloudWaitedAtMost}; within it, and with connects in time, a ceiling climbs from where it is: from real
     * time, or from half the scale the clock fell behind at if it was held back for less than {@link #BRIEFLY_BEHIND}.
     */
    synchronized void cloudBehind(long millis) {
        cloudLagMillis = millis;
        if (millis <= CLOUD_BEHIND.toMillis()) {
            cloudBehindSinceNanos = -1;
            cloudNotWaitedFor = false;
        } else if (!cloudNotWaitedFor) {
            long nowNanos = System.nanoTime();
            if (cloudBehindSinceNanos < 0) {
                cloudBehindSinceNanos = nowNanos;
            }
            if (nowNanos - cloudBehindSinceNanos > cloudWaitedAtMost.toNanos()) {
                stopWaitingForTheCloud(millis);
            } else {
                fallBehind(ClockObserved.Why.CLOUD);
            }
        }
        pace();
    }

    /** The cloud is still {@code millis} behind after the longest wait: the clock climbs on without it. */
    private void stopWaitingForTheCloud(long millis) {
        cloudNotWaitedFor = true;
        if (cloudNotCaughtUpTimes++ == 0) {
            cloudFirstNotCaughtUpAtMillis = clock.nowMillis();
            cloudFirstNotCaughtUpBehindMillis = millis;
        }
        if (ceilingWhy == ClockObserved.Why.CLOUD) {
            ceilingWhy = ClockObserved.Why.CLOUD_NOT_CAUGHT_UP;
        }
        set(clock.scale(), ClockObserved.Why.CLOUD_NOT_CAUGHT_UP);
    }

    /**
     * What the run's health says of a cloud the clock stopped waiting for: empty if it always caught up. From then on a
     * cloud-path probe could fail for the harness's load, and the clock ran faster than the cloud could follow.
     */
    synchronized Optional<String> problem() {
        if (cloudNotCaughtUpTimes == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the emulated cloud did not catch up with the clock held at real time "
                        + "for it: at %s of scenario time it was still %d ms behind after %s, where the fleet sends it the "
                        + "least it can, so the clock ran on without it (%d %s in all): this machine could not carry what "
                        + "the fleet sends the cloud even in real time, and cloud-path figures from then on are the "
                        + "harness's, not the devices'; %s",
                Durations.format(Duration.ofSeconds(cloudFirstNotCaughtUpAtMillis / 1000)), cloudFirstNotCaughtUpBehindMillis,
                Durations.format(cloudWaitedAtMost), cloudNotCaughtUpTimes, cloudNotCaughtUpTimes == 1 ? "time" : "times",
                HealthCheck.REMEDY));
    }

    /**
     * A connect with nothing faulted on connections took {@code took} of real time, or has waited that long so far,
     * with its device's time-out {@code timeOut} (ran out of it: took it all). The scale keeps it within
     * {@link #CONNECT_SPAN_SHARE} of the scenario time since the last transition for a while; past
     * {@link #CONNECT_SLOW_SHARE} of the time-out, it is a slow one ({@link #connectSlow}).
     */
    synchronized void connectTook(Duration took, Duration timeOut) {
        recentConnects.heard(took, System.nanoTime());
        if (took.toMillis() > timeOut.toMillis() * CONNECT_SLOW_SHARE) {
            connectSlow(timeOut);
        } else {
            pace();
        }
    }

    /**
     * A connect took more than {@link #CONNECT_SLOW_SHARE} of its device's time-out {@code timeOut}, or ran out of it,
     * with nothing faulted on connections, or a device lost its connection with nothing faulted on it
     * ({@link UnfaultedLosses}): real time until no connection has been slow for that long.
     */
    synchronized void connectSlow(Duration timeOut) {
        if (System.nanoTime() - connectsSlowUntilNanos >= 0) {
            // Found slow afresh: the rate just before is what made them slow. Later ones were queued behind them.
            connectRate.slow();
        } else {
            connectRate.stillSlow();
        }
        connectsSlowUntilNanos = Math.max(connectsSlowUntilNanos, System.nanoTime() + timeOut.toNanos());
        fallBehind(ClockObserved.Why.CONNECTS);
        pace();
    }

    /**
     * Holds the clock at real time for {@code why}. Already in real time (a transition's window, or held for the other
     * reason), the clock is told the reason anyway, so that the run counts every time it waited for the cloud and for
     * the connects: a storm that left both behind at once read as the cloud's alone.
     */
    private void fallBehind(ClockObserved.Why why) {
        boolean alreadyBehind = ceiling != Double.POSITIVE_INFINITY && caughtUpNanos < 0;
        if (!alreadyBehind) {
            fellBehindAtScale = clock.scale();
            fellBehindAtNanos = System.nanoTime();
            heldFor.clear();
        }
        if (heldFor.add(why) && clock.scale() == 1) {
            set(1, why);
        }
        ceiling = 1;
        ceilingWhy = why;
        caughtUpNanos = -1;
    }

    /** Held back, and neither the cloud nor the connects are behind any more: the ceiling starts to climb. */
    private void climbOnceCaughtUp() {
        long nowNanos = System.nanoTime();
        if (ceiling == Double.POSITIVE_INFINITY || caughtUpNanos >= 0
                || (cloudLagMillis > CLOUD_BEHIND.toMillis() && !cloudNotWaitedFor) || nowNanos - connectsSlowUntilNanos < 0) {
            return;
        }
        if (nowNanos - fellBehindAtNanos <= BRIEFLY_BEHIND.toNanos()) {
            ceiling = Math.max(1, fellBehindAtScale / 2);
        }
        // Where the ramp's line (scale = scenario time since / RAMP) passes the ceiling now.
        caughtUpNanos = clock.now().toNanos() - (long) (ceiling * RAMP.toNanos());
    }

    /** How far behind the cloud reads now, as last measured: what a message through it is late by, for the harness's reasons. */
    synchronized long cloudLagMillis() {
        return cloudLagMillis;
    }

    /**
     * Whether the clock is held back now, for the cloud or for this machine's connects: one fell behind, and the clock
     * has not yet climbed back.
     */
    synchronized boolean heldBack() {
        return ceiling != Double.POSITIVE_INFINITY;
    }

    /**
     * One question at a time: a cloud far behind answers late, and its answers would pile up. A question
     * still unanswered is an answer too: each service answers on its own event loop, behind the messages
     * it has yet to read, so one that is seconds behind says so only seconds later. At 10,000 devices
     * the commands service was 9.8 s behind 1.2 s after the clock started, and its answer came 5.9 s
     * after that, while the clock ran on at full speed.
     */
    private void askTheCloud() {
        if (!clock.started()) {
            return;
        }
        askTheBroker();
        if (askingTheCloud) {
            long unansweredMillis = (System.nanoTime() - askedAtNanos) / 1_000_000;
            if (unansweredMillis > CLOUD_BEHIND.toMillis()) {
                cloudBehind(unansweredMillis);
            }
            return;
        }
        askingTheCloud = true;
        askedAtNanos = System.nanoTime();
        cloudBehindMillis.get().onComplete(answer -> {
            askingTheCloud = false;
            if (answer.succeeded()) {
                cloudBehind(answer.result());
            }
        });
    }

    private synchronized void askTheBroker() {
        if (brokerWaits == null || askingTheBroker) {
            return;
        }
        askingTheBroker = true;
        Duration timeOut = connectTimeOut;
        brokerWaits.get().onComplete(answer -> {
            synchronized (this) {
                askingTheBroker = false;
            }
            if (answer.failed()) {
                return;
            }
            connectsCounted(answer.result().connectsAccepted());
            if (answer.result().connectMillis() > 0) {
                connectTook(Duration.ofMillis(answer.result().connectMillis()), timeOut);
            }
            if (answer.result().publishMillis() > timeOut.toMillis() * CONNECT_SLOW_SHARE) {
                connectSlow(timeOut);
            }
        });
    }

    /**
     * From now on, the phase faults the devices' links or the broker, or it does not: attempts take turns,
     * {@link #ATTEMPTS_AT_ONCE_A_CORE} a core at once, only if not. Attempts into a fault end when the fault says, not when
     * this machine has carried them: a blackhole's take the device's whole time-out each, and a 1-h {@code refuse} whose
     * attempts were counted against what this machine carries crawled (79 s instead of 11).
     */
    synchronized void connectionsFaulted(boolean faulted) {
        clock.admitAttempts(faulted ? Integer.MAX_VALUE : ATTEMPTS_AT_ONCE_A_CORE * Runtime.getRuntime().availableProcessors());
    }

    private synchronized void connectsCounted(long accepted) {
        connectRate.counted(System.nanoTime(), clock.now().toNanos(), accepted);
    }

    /** Connects a real second this machine carries, as the pacer has learnt it: infinite until connects were found slow. */
    synchronized double connectsCarriedPerSecond() {
        return connectRate.carriedPerSecond();
    }

    /**
     * The scale the pace wants now: the phase's, at most the ramp's after a transition (1x during
     * the window, then the scenario time since it over {@link #RAMP}), and at most the approach's
     * before one (the scenario time left until it over {@link #RAMP}). The clock is told when the
     * wanted scale has moved by {@link #STEP} or reached one of its bounds.
     */
    private synchronized void pace() {
        tellOfAttemptStands();
        climbOnceCaughtUp();
        long now = clock.now().toNanos();
        double wanted = target;
        ClockObserved.Why why = ClockObserved.Why.RAMP;
        if (transitionAtNanos >= 0) {
            long since = now - transitionAtNanos;
            double up = holding || since < window.toNanos() ? 1 : Math.max(1, (double) since / RAMP.toNanos());
            if (up >= target) {
                transitionAtNanos = -1;
            }
            wanted = Math.min(wanted, up);
        }
        if (approachNanos >= 0) {
            double down = Math.max(1, (double) (approachNanos - now) / RAMP.toNanos());
            if (down < wanted) {
                wanted = down;
                why = ClockObserved.Why.APPROACH;
            }
        }
        double held = ceiling;
        if (caughtUpNanos >= 0) {
            held = Math.max(ceiling, (double) (now - caughtUpNanos) / RAMP.toNanos());
            ceiling = held;
            if (held >= target) {
                held = target; // the last step of the climb
                ceiling = Double.POSITIVE_INFINITY;
                caughtUpNanos = -1;
            }
        }
        if (held <= wanted) {
            wanted = held;
            why = ceilingWhy;
        }
        double connectsAllow = connectBound();
        if (connectsAllow < wanted) {
            wanted = connectsAllow;
            why = ClockObserved.Why.CONNECT_DELAY;
        }
        double rateAllows = rateBound();
        if (rateAllows < wanted) {
            wanted = rateAllows;
            why = ClockObserved.Why.CONNECT_RATE;
        }
        double current = clock.scale();
        boolean atABound = wanted == target || wanted == 1;
        if (atABound ? wanted != current : wanted >= current * STEP || wanted <= current / STEP) {
            set(wanted, why);
        }
    }

    /**
     * The highest scale at which the connects the fleet starts stay within what this machine carries, while attempts do
     * not take turns at the clock: taking turns, they are met at what it carries whatever their rate.
     */
    private double rateBound() {
        return clock.attemptsAtOnce() < Integer.MAX_VALUE ? Double.POSITIVE_INFINITY : connectRate.scaleBound();
    }

    /**
     * The highest scale at which the longest connect heard of lately spans at most {@link #CONNECT_SPAN_SHARE} of the
     * scenario time since the last transition; unbounded while connects are within the ramp's own allowance.
     */
    private double connectBound() {
        double longestSpanned = recentConnects.longestNanos(System.nanoTime()) / CONNECT_SPAN_SHARE;
        if (longestSpanned <= RAMP.toNanos()) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, (clock.now().toNanos() - lastTransitionNanos) / longestSpanned);
    }

    /** Each time since the last tick that scenario time stood still for attempts beyond those admitted at once, as observed. */
    private void tellOfAttemptStands() {
        long times = clock.attemptStands();
        if (times > attemptStandsTold) {
            long at = clock.now().toMillis();
            for (; attemptStandsTold < times; attemptStandsTold++) {
                log.add(new ClockObserved(at, clock.scale(), ClockObserved.Why.ATTEMPTS));
            }
        }
    }

    /** Returns the moment from which the new scale holds, as observed. */
    private Duration set(double scale, ClockObserved.Why why) {
        clock.setScale(scale);
        Duration from = clock.now();
        log.add(new ClockObserved(from.toMillis(), scale, why));
        return from;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
