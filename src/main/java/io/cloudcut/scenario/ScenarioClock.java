package io.cloudcut.scenario;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The scenario clock, shared by every part of a run. Scenario time runs {@link #scale()} times
 * faster than real time, and the scale changes while the run goes: real time (1x) around every
 * transition, faster in between. It stands at zero until {@link #start started}, so that a fleet
 * that takes seconds to come up begins its baseline at scenario time zero.
 * <p>
 * Firmware waits (backoff, token lifetimes, schedules, status intervals) are deadlines on this
 * clock, kept by its own thread in one queue ordered by scenario time: when the scale changes,
 * only the next wake-up is computed again, however many deadlines wait. Until the clock starts,
 * deadlines count down in real time (a device retrying its first connect waits as it would), and
 * what remains of them at the start counts from scenario time zero. Protocol waits (keepalive, the
 * CONNACK and PUBACK waits) are not on this clock: they are real.
 * <p>
 * Scenario time waits for what must keep up with it. Each {@link #heartbeat} (an event loop that
 * runs the fleet, say) that has not beaten for {@link #HOLD_AFTER} holds the clock still until it
 * beats again. Otherwise a stalled process (a long garbage collection, a starved CPU) would run
 * scenario time on at full scale while no device handles a message: 543 ms at 3600x is 33 min, in
 * which a token expires before its renewal's answer is read, for the harness's reasons.
 * <p>
 * It waits, too, for the connects this machine can carry at once ({@link #admitAttempts}). Devices' connect
 * attempts that come due at one moment (a fleet retrying with no jitter, as Paho's rule does) would each run
 * on a CPU of its own in the field; here they share two cores, and a herd of 1,000 Paho connects ran out of its
 * real-time connect time-outs by the hundred with nothing faulted. Beyond the attempts admitted, a due attempt
 * waits, and scenario time stands still until it is admitted: each device still meets its own attempt at the
 * moment its firmware chose.
 */
public final class ScenarioClock implements AutoCloseable {

    /** A deadline that can be called off. */
    public interface Timer {
        void cancel();
    }

    /**
     * A device's next connect attempt: once due, it holds one of the attempts {@link #admitAttempts admitted} at once
     * until it {@link #ended} (connected, failed, or called off; cancelling ends it too).
     */
    public interface Attempt extends Timer {
        void ended();
    }

    /** Something that must keep up with scenario time: it beats often, and the clock waits for it when it does not. */
    public interface Heartbeat {
        /** Alive now. */
        void beat();

        /** No longer waited for. */
        void stop();
    }

    /** How long the clock runs on past a heartbeat's last beat before it stands still for it. */
    public static final Duration HOLD_AFTER = Duration.ofMillis(100);

    /**
     * The longest an attempt holds its admission without saying it ended: a stack's call that never comes back must
     * not keep scenario time standing. Past every shipped model's connect and subscribe time-outs together.
     */
    static final Duration ATTEMPT_ADMITTED_AT_MOST = Duration.ofSeconds(10);

    /**
     * The clock's pace as of real instant {@code realNanos} ({@link System#nanoTime()} of the process
     * that took it): scenario time {@code scenarioNanos}, running at {@code scale}; not started, it
     * stands at zero; {@code standing}: it stands still there for a late heartbeat. What a clock in another
     * process needs to {@link #follow} this one.
     */
    public record Setting(boolean started, long realNanos, long scenarioNanos, double scale, boolean standing) {

        /** A pace that runs. */
        public Setting(boolean started, long realNanos, long scenarioNanos, double scale) {
            this(started, realNanos, scenarioNanos, scale, false);
        }
    }

    /**
     * From real instant {@code realNanos} on, scenario time runs at {@code scale} from {@code scenarioNanos},
     * and stands still from real instant {@code heldFromNanos} on (a heartbeat is late).
     */
    private record Pace(long realNanos, long scenarioNanos, double scale, long heldFromNanos) {
        long scenarioAt(long real) {
            return scenarioNanos + (long) (Math.max(0, Math.min(real, heldFromNanos) - realNanos) * scale);
        }

        boolean heldAt(long real) {
            return real > heldFromNanos;
        }

        /** How long, in real time from {@code real}, until scenario time reaches {@code scenario}, if it is not held. */
        long realNanosUntil(long scenario, long real) {
            long from = Math.max(real, realNanos); // a pace that waits for the clock it follows to catch up runs from then
            return from - real + (long) Math.ceil((scenario - scenarioAt(from)) / scale);
        }

        Pace withHoldFrom(long real) {
            return new Pace(realNanos, scenarioNanos, scale, real);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Deadlines set before the start, by real instant ({@link System#nanoTime()}). */
    private final PriorityQueue<Deadline> beforeStart = new PriorityQueue<>(Comparator.comparingLong(d -> d.due));
    /** Deadlines once started, by scenario nanoseconds. */
    private final PriorityQueue<Deadline> running = new PriorityQueue<>(Comparator.comparingLong(d -> d.due));
    private final Thread thread;
    private final List<Consumer<Setting>> listeners = new CopyOnWriteArrayList<>();
    /** Under the lock. */
    private final List<Beats> hearts = new ArrayList<>();
    private volatile Pace pace;
    private volatile boolean started;
    private boolean closed;
    /** Under the lock: the real instant from which the clock this one follows stands still (it said so). */
    private long leaderStandsFromNanos = Long.MAX_VALUE;
    /** Under the lock: real time the clock stood still for late heartbeats. */
    private long heldNanos;
    /** Under the lock: how many due attempts may run at once ({@link #admitAttempts}). */
    private int attemptsAtOnce = Integer.MAX_VALUE;
    /** Under the lock: real time after which an admission its attempt said nothing of lapses. */
    private long admissionLapsesNanos = ATTEMPT_ADMITTED_AT_MOST.toNanos();
    /** Under the lock: the attempts admitted and not ended, in the order admitted, with the real instant of each. */
    private final LinkedHashMap<Deadline, Long> attemptsAdmitted = new LinkedHashMap<>();
    /** Under the lock: due attempts waiting to be admitted, first due first. */
    private final ArrayDeque<Deadline> attemptsWaiting = new ArrayDeque<>();
    /** Under the lock: attempts admitted off the clock's thread, for it to run. */
    private final List<Deadline> attemptsToRun = new ArrayList<>();
    /** Under the lock: the real instant from which the clock stands still for attempts waiting; none: never. */
    private long attemptsStandFromNanos = Long.MAX_VALUE;
    /** Under the lock: how many times the clock stood still for attempts waiting (how long counts in {@link #held}). */
    private long attemptsStood;

    private ScenarioClock() {
        pace = new Pace(System.nanoTime(), 0, 0, Long.MAX_VALUE);
        thread = new Thread(this::keepDeadlines, "cloudcut-scenario-clock");
        thread.setDaemon(true);
        thread.start();
    }

    /** A clock that stands at zero until {@link #start}. */
    public static ScenarioClock stopped() {
        return new ScenarioClock();
    }

    /** A clock running at {@code scale} from now on (tests, single devices). */
    public static ScenarioClock running(double scale) {
        ScenarioClock clock = new ScenarioClock();
        clock.start(scale);
        return clock;
    }

    /** Scenario time elapsed since the start; zero before it. */
    public Duration now() {
        return Duration.ofNanos(pace.scenarioAt(System.nanoTime()));
    }

    public long nowMillis() {
        return now().toMillis();
    }

    /** Scenario seconds per real second now; zero before the start. */
    public double scale() {
        return pace.scale;
    }

    public boolean started() {
        return started;
    }

    /** Starts scenario time at zero, running at {@code scale}. */
    public void start(double scale) {
        checkScale(scale);
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("the scenario clock has started already");
            }
            startAt(new Pace(System.nanoTime(), 0, scale, pace.heldFromNanos));
        } finally {
            lock.unlock();
        }
        announce();
    }

    /** From now on, scenario time runs at {@code scale}; every pending deadline keeps its scenario moment. */
    public void setScale(double scale) {
        checkScale(scale);
        lock.lock();
        try {
            if (!started) {
                throw new IllegalStateException("the scenario clock has not started");
            }
            long now = System.nanoTime();
            Pace current = pace;
            pace = new Pace(now, current.scenarioAt(now), scale, current.heldFromNanos);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        announce();
    }

    /** The pace now, to hand to a clock in another process. */
    public Setting setting() {
        long now = System.nanoTime();
        Pace current = pace;
        return new Setting(started, now, current.scenarioAt(now), current.scale, started && current.heldAt(now));
    }

    /** Whether scenario time stands still now for a late heartbeat (or because the clock this one follows does). */
    public boolean standing() {
        return started && pace.heldAt(System.nanoTime());
    }

    /**
     * Whether this clock stands now for a reason of its own, whatever the clock it follows does: one of its own
     * heartbeats is late, or attempts wait for their turn. What a follower tells the clock it follows, which would
     * otherwise wait for it while it waits for that one.
     */
    public boolean standsOfItsOwn() {
        lock.lock();
        try {
            long now = System.nanoTime();
            return started && Math.min(ownHeldFrom(), attemptsStandFromNanos) < now;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new heartbeat, alive now: from {@link #HOLD_AFTER} after its last beat on, scenario time stands
     * still until it beats again, and then runs on from where it stood. Those who {@link #follow} this
     * clock hear of each hold's end as a change of pace; that it stands, they hear from its {@link #setting}.
     */
    public Heartbeat heartbeat() {
        Beats heart = new Beats(System.nanoTime());
        lock.lock();
        try {
            hearts.add(heart);
        } finally {
            lock.unlock();
        }
        rehold();
        return heart;
    }

    /** Real time the clock has stood still so far: for late heartbeats, and for connect attempts waiting to be admitted. */
    public Duration held() {
        lock.lock();
        try {
            long now = System.nanoTime();
            return Duration.ofNanos(heldNanos + (started && pace.heldAt(now) ? now - pace.heldFromNanos : 0));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A heartbeat beat or stopped: the clock now holds from {@link #HOLD_AFTER} after the oldest last beat.
     * If it stood still until now, it runs on from where it stood, and those who follow it hear so.
     */
    private void rehold() {
        boolean resumed;
        lock.lock();
        try {
            long now = System.nanoTime();
            long heldFrom = heldFrom();
            Pace current = pace;
            if (started && current.heldAt(now) && heldFrom <= now) {
                return; // another heartbeat is late still: the clock stands where it stood
            }
            resumed = started && current.heldAt(now);
            if (resumed) {
                heldNanos += now - current.heldFromNanos;
                pace = new Pace(now, current.scenarioAt(now), current.scale, heldFrom);
                changed.signalAll();
            } else {
                pace = current.withHoldFrom(heldFrom);
            }
        } finally {
            lock.unlock();
        }
        if (resumed) {
            announce();
        }
    }

    /** Under the lock: the real instant from which the clock stands still: a late heartbeat's, or the clock it follows standing. */
    private long heldFrom() {
        return Math.min(Math.min(ownHeldFrom(), leaderStandsFromNanos), attemptsStandFromNanos);
    }

    /** Under the lock: {@link #HOLD_AFTER} after the oldest last beat of this clock's own heartbeats. */
    private long ownHeldFrom() {
        long oldest = hearts.stream().mapToLong(heart -> heart.lastNanos).min().orElse(Long.MAX_VALUE - HOLD_AFTER.toNanos());
        return oldest + HOLD_AFTER.toNanos();
    }

    /** Hears every start and change of scale, on the thread that made it: it must not block. */
    public void onChange(Consumer<Setting> listener) {
        listeners.add(listener);
    }

    /**
     * Runs as another process's clock does, from {@code setting} on: started there, this clock starts
     * (at the scenario time it gives, not zero) or takes its new pace, and stands still while it says it
     * does. The setting's real instant must be this process's {@link System#nanoTime()}: on one machine
     * every process reads the same monotonic clock; from another machine, the receiver puts its own
     * arrival instant there. It never reads earlier than it did: behind what this clock read already (it
     * held for a heartbeat of its own later than the other did), it stands there until the other gets there.
     */
    public void follow(Setting setting) {
        if (!setting.started()) {
            return;
        }
        checkScale(setting.scale());
        lock.lock();
        try {
            leaderStandsFromNanos = setting.standing() ? setting.realNanos() : Long.MAX_VALUE;
            Pace followed = new Pace(setting.realNanos(), setting.scenarioNanos(), setting.scale(), heldFrom());
            if (!started) {
                startAt(followed);
                return;
            }
            long now = System.nanoTime();
            long read = pace.scenarioAt(now);
            if (followed.scenarioAt(now) >= read) {
                pace = followed;
            } else {
                long caughtUpAt = setting.realNanos() + (long) Math.ceil((read - setting.scenarioNanos()) / setting.scale());
                pace = new Pace(caughtUpAt, read, setting.scale(), followed.heldFromNanos);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: what remains of each real-time deadline set before the start counts from {@code from}'s scenario time now. */
    private void startAt(Pace from) {
        long now = System.nanoTime();
        pace = from;
        started = true;
        long scenarioNow = from.scenarioAt(now);
        for (Deadline waiting : beforeStart) {
            waiting.due = scenarioNow + Math.max(0, waiting.due - now);
            running.add(waiting);
        }
        beforeStart.clear();
        changed.signalAll();
    }

    private void announce() {
        Setting now = setting();
        listeners.forEach(listener -> listener.accept(now));
    }

    /** Runs {@code action} on {@code executor} once {@code delay} of scenario time has passed. */
    public Timer schedule(Duration delay, Executor executor, Runnable action) {
        return add(new Deadline(delay.toNanos(), 0, executor, action, false));
    }

    /**
     * As {@link #schedule}, for a device's next connect attempt after its backoff: once due, it takes its turn among
     * the attempts {@link #admitAttempts admitted} at once.
     */
    public Attempt scheduleAttempt(Duration delay, Executor executor, Runnable action) {
        return add(new Deadline(delay.toNanos(), 0, executor, action, true));
    }

    /**
     * From now on, at most {@code atOnce} due connect attempts run at once; one due beyond them waits until another
     * {@link Attempt#ended ends}, and scenario time stands still meanwhile. {@link Integer#MAX_VALUE}: every attempt
     * runs when due (the start).
     */
    public void admitAttempts(int atOnce) {
        admitAttempts(atOnce, ATTEMPT_ADMITTED_AT_MOST);
    }

    /** As {@link #admitAttempts(int)}, an admission lapsing after {@code lapsesAfter} of real time if its attempt says nothing. */
    void admitAttempts(int atOnce, Duration lapsesAfter) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one attempt must run at once, not " + atOnce);
        }
        lock.lock();
        try {
            attemptsAtOnce = atOnce;
            admissionLapsesNanos = lapsesAfter.toNanos();
            admitWaiting(System.nanoTime());
        } finally {
            lock.unlock();
        }
        rehold();
    }

    /** How many due attempts run at once ({@link #admitAttempts}); {@link Integer#MAX_VALUE}: every one when due. */
    public int attemptsAtOnce() {
        lock.lock();
        try {
            return attemptsAtOnce;
        } finally {
            lock.unlock();
        }
    }

    /** How often scenario time stood still for attempts waiting to be admitted; how long counts in {@link #held}. */
    public long attemptStands() {
        lock.lock();
        try {
            return attemptsStood;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} on {@code executor} every {@code period} of scenario time, the first time one period from now. */
    public Timer every(Duration period, Executor executor, Runnable action) {
        return every(period, period, executor, action);
    }

    /** Runs {@code action} on {@code executor} every {@code period} of scenario time, the first time {@code first} from now. */
    public Timer every(Duration period, Duration first, Executor executor, Runnable action) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a period must be positive, not " + period);
        }
        if (first.isNegative()) {
            throw new IllegalArgumentException("a first run cannot be in the past: " + first);
        }
        return add(new Deadline(first.toNanos(), period.toNanos(), executor, action, false));
    }

    /** Blocks the calling thread (never an event loop) until scenario time reaches {@code moment}. */
    public void awaitMoment(Duration moment) throws InterruptedException {
        awaitMoment(moment, new CompletableFuture<>());
    }

    /** Blocks the calling thread (never an event loop) until scenario time reaches {@code moment}, or {@code sooner} completes. */
    public void awaitMoment(Duration moment, CompletionStage<?> sooner) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        Timer timer = schedule(moment.minus(now()), Runnable::run, reached::countDown);
        sooner.whenComplete((result, failure) -> reached.countDown());
        try {
            reached.await();
        } finally {
            timer.cancel();
        }
    }

    /** Stops keeping deadlines; pending ones never run. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Deadline add(Deadline deadline) {
        lock.lock();
        try {
            if (started) {
                deadline.due += pace.scenarioAt(System.nanoTime());
                running.add(deadline);
            } else {
                deadline.due += System.nanoTime();
                beforeStart.add(deadline);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return deadline;
    }

    /** The clock's thread: runs each deadline when its moment comes, and sleeps until the next one otherwise. */
    private void keepDeadlines() {
        List<Deadline> due = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                long wait = collectDue(due);
                due.addAll(attemptsToRun);
                attemptsToRun.clear();
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                if (started && attemptsStandFromNanos == Long.MAX_VALUE && pace.heldAt(now) && heldFrom() > now) {
                    rehold(); // the attempts it stood for were admitted here: it runs on (the lock is the thread's own)
                }
                if (due.isEmpty()) {
                    if (wait == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(wait);
                    }
                    continue;
                }
            } catch (InterruptedException interrupted) {
                return;
            } finally {
                lock.unlock();
            }
            // Outside the lock: an executor may be slow to take the work, and an action may schedule more.
            for (Deadline deadline : due) {
                deadline.executor.execute(deadline);
            }
            due.clear();
        }
    }

    /** Under the lock: moves due deadlines into {@code due} (periodic ones back into the queue); returns the real nanoseconds until the next. */
    private long collectDue(List<Deadline> due) {
        long real = System.nanoTime();
        if (!attemptsWaiting.isEmpty()) {
            admitWaiting(real); // an admission may have lapsed
        }
        long next = nextDue(due, real);
        return attemptsWaiting.isEmpty() ? next : Math.min(next, untilAnAdmissionLapses(real));
    }

    /** Under the lock: as {@link #collectDue}, but for the lapse of an admission. */
    private long nextDue(List<Deadline> due, long real) {
        PriorityQueue<Deadline> queue = started ? running : beforeStart;
        Pace now = pace;
        // Held, it waits for the heartbeat that lets it run on: that signals.
        ToLongFunction<Deadline> untilDue = !started ? deadline -> deadline.due - real
                : now.heldAt(real) ? deadline -> deadline.due > now.scenarioAt(real) ? Long.MAX_VALUE : 0
                : deadline -> now.realNanosUntil(deadline.due, real);
        while (!queue.isEmpty()) {
            Deadline next = queue.peek();
            if (next.cancelled) {
                queue.poll();
                continue;
            }
            long wait = untilDue.applyAsLong(next);
            if (wait > 0) {
                return wait;
            }
            queue.poll();
            if (!next.attempt || !started || admit(next, real)) {
                due.add(next);
            }
            if (next.period > 0) {
                next.due += next.period;
                queue.add(next);
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Under the lock: whether the due {@code attempt} may run now. If not, it waits its turn, and scenario time stands
     * still from now until it has it.
     */
    private boolean admit(Deadline attempt, long real) {
        if (attemptsAtOnce == Integer.MAX_VALUE) {
            return true; // not counted: those into a fault must not hold the turns of the phase after it
        }
        lapseAdmissions(real);
        if (attemptsWaiting.isEmpty() && attemptsAdmitted.size() < attemptsAtOnce) {
            attemptsAdmitted.put(attempt, real);
            return true;
        }
        attemptsWaiting.add(attempt);
        if (attemptsStandFromNanos == Long.MAX_VALUE) {
            attemptsStandFromNanos = real;
            attemptsStood++;
            pace = pace.withHoldFrom(heldFrom());
        }
        return false;
    }

    /** Under the lock: an admitted attempt that said nothing for {@link #admissionLapsesNanos} no longer counts. */
    private void lapseAdmissions(long real) {
        long lapsedBefore = real - admissionLapsesNanos;
        attemptsAdmitted.values().removeIf(admittedAt -> admittedAt - lapsedBefore <= 0);
    }

    /** Under the lock: real nanoseconds until the oldest admission lapses, when a waiting attempt may take its place. */
    private long untilAnAdmissionLapses(long real) {
        return attemptsAdmitted.values().stream().findFirst()
                .map(admittedAt -> Math.max(1, admittedAt + admissionLapsesNanos - real)).orElse(1L);
    }

    /** Under the lock: admits the attempts waiting that now may run, for the clock's thread to run them. */
    private void admitWaiting(long real) {
        lapseAdmissions(real);
        while (!attemptsWaiting.isEmpty() && attemptsAdmitted.size() < attemptsAtOnce) {
            Deadline next = attemptsWaiting.poll();
            if (!next.cancelled) {
                attemptsAdmitted.put(next, real);
                attemptsToRun.add(next);
            }
        }
        if (attemptsWaiting.isEmpty()) {
            attemptsStandFromNanos = Long.MAX_VALUE;
        }
        changed.signalAll();
    }

    /** An attempt ended: its admission goes to the next waiting, and scenario time runs on when none waits. */
    private void attemptEnded(Deadline attempt) {
        lock.lock();
        try {
            if (attemptsAdmitted.remove(attempt) == null && !attemptsWaiting.remove(attempt)) {
                return;
            }
            admitWaiting(System.nanoTime());
        } finally {
            lock.unlock();
        }
        rehold();
    }

    private static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("a time scale must be positive, not " + scale);
        }
    }

    /** One deadline in a queue: due in scenario nanoseconds, or real ones before the start. */
    private final class Deadline implements Attempt, Runnable {
        private final long period;
        private final Executor executor;
        private final Runnable action;
        /** A device's next connect attempt ({@link #scheduleAttempt}). */
        private final boolean attempt;
        private long due;
        private volatile boolean cancelled;

        Deadline(long delay, long period, Executor executor, Runnable action, boolean attempt) {
            this.due = delay;
            this.period = period;
            this.executor = executor;
            this.action = action;
            this.attempt = attempt;
        }

        /** Its action, unless cancelled meanwhile: it may have been taken from the queue just before. */
        @Override
        public void run() {
            if (!cancelled) {
                action.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (attempt) {
                ended();
            }
        }

        @Override
        public void ended() {
            attemptEnded(this);
        }
    }

    /** One heartbeat's last beat, in real nanoseconds. */
    private final class Beats implements Heartbeat {
        private volatile long lastNanos;

        Beats(long nowNanos) {
            lastNanos = nowNanos;
        }

        @Override
        public void beat() {
            lastNanos = System.nanoTime();
            rehold();
        }

        @Override
        public void stop() {
            lock.lock();
            try {
                hearts.remove(this);
            } finally {
                lock.unlock();
            }
            rehold();
        }
    }

    /** For logs and reports: {@code 1800x} or {@code stopped}. */
    @Override
    public String toString() {
        return started ? String.format("%.0fx at %s", pace.scale, Durations.format(now())) : "stopped";
    }
}
