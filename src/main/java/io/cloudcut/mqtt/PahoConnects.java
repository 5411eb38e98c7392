package io.cloudcut.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Paho's connects ({@code ClientComms.ConnectBG}, both versions) while they run on {@link PahoThreads}, and those of
 * them that wait for ever, which it finds and ends. Paho 1.2.5's connect starts its connection's receiver, sender and
 * callbacks one by one, and after each sleeps in 100 ms steps until the loop it started says it runs. A loop that has
 * already ended (its connection reset or dropped in that moment, or stopped before it began) never says so, and the
 * connect sleeps on for ever (eclipse-paho/paho.mqtt.java#953). Its attempt has failed already, as Paho told its
 * client; the thread does nothing more but wake. Under a link that resets every connection, 16 and 19 of 20 attempts
 * of one device left one (Paho v3 and v5). Left alone, 5,400 of them, from 1,000 devices in an hour of {@code reset},
 * held both cores, 88% of it in the kernel, and a probe round took 4 min: the harness measured itself, not the devices.
 * <p>
 * A connect waits for a loop a moment at most, so one found waiting at every look for {@link #WAITING_FOR_EVER} waits
 * for ever, as does one asleep in its poll for a loop that has ended ({@link Wake}): it is counted for its device,
 * and its thread is stopped ({@link Thread#stop}: the only way out of that
 * sleep, which swallows interrupts). The stop unwinds Paho's connect, which holds no lock there and has nothing left
 * to do, up to this class, which catches it: the pool's thread serves the next loop. Where {@link Thread#stop} is gone
 * (Java 20 on), the connects are counted and left waiting.
 * <p>
 * A connect whose loop does run is woken from its poll as soon as it does, rather than at its next step ({@link Wake}).
 */
final class PahoConnects {

    static final Duration WAITING_FOR_EVER = Duration.ofSeconds(2);
    /**
     * How long a loop a connect started is given to run and the connect to be asleep in its poll: microseconds, unless
     * the machine holds them up; past one of Paho's steps, there is nothing left to gain.
     */
    private static final Duration POLL_ENTERED = Duration.ofMillis(100);
    private static final Duration WAKE_LOOK_EVERY = Duration.ofMillis(1);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** Long enough for a connect started now to be looked at and found waiting for ever, with a second to spare. */
    private static final Duration SETTLING = LOOK_EVERY.plus(WAITING_FOR_EVER).plus(LOOK_EVERY);
    /** How Paho names a connect's thread, before the client id (both versions). */
    private static final String CONNECT_THREAD = "MQTT Con: ";
    private static final Set<String> LOOPS_STARTED_BY_A_CONNECT = Set.of("CommsReceiver", "CommsSender", "CommsCallback");

    private static final Logger LOG = LoggerFactory.getLogger(PahoConnects.class);

    private final ScheduledExecutorService looks;
    private final AtomicBoolean looking = new AtomicBoolean();
    private final Map<Thread, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Long> stuckByDevice = new ConcurrentHashMap<>();
    private final LongAdder wokenFromPolls = new LongAdder();
    private final LongAdder endedAsTheirLoopEnded = new LongAdder();
    private final LongAdder loopsStartedByConnects = new LongAdder();
    private volatile boolean canEnd = true;
    /** {@link #POLL_ENTERED}, unless a test gives a loaded machine longer. */
    private final Duration pollEntered;

    PahoConnects(ScheduledExecutorService looks) {
        this(looks, POLL_ENTERED);
    }

    /**
     * With {@code pollEntered} instead of {@link #POLL_ENTERED}: a test whose connect polls in one-minute steps must not
     * lose its wake to a busy machine that kept the connect from its sleep for 100 ms.
     */
    PahoConnects(ScheduledExecutorService looks, Duration pollEntered) {
        this.looks = looks;
        this.pollEntered = pollEntered;
    }

    static boolean isConnect(Runnable task) {
        return task.getClass().getName().startsWith("org.eclipse.paho.") && task.getClass().getName().endsWith("$ConnectBG");
    }

    /**
     * {@code task}, submitted from {@code starter}'s thread, to run on a pool thread. If it is a loop a connect started,
     * as Paho's receiver, sender and callbacks are ({@code loopRuns} says when it runs; null for anything else), the
     * connect is woken from its poll once the loop runs ({@link Wake}).
     */
    Runnable loopStartedFrom(Thread starter, BooleanSupplier loopRuns, Runnable task) {
        Running connect = running.get(starter);
        if (connect == null || loopRuns == null) {
            return task;
        }
        Wake wake = new Wake(connect, starter, loopRuns);
        connect.lastLoop = wake;
        loopsStartedByConnects.increment();
        return () -> {
            looks.execute(wake);
            try {
                task.run();
            } finally {
                wake.loopEnded();
            }
        };
    }

    /** What says whether {@code task} runs, if it is one of the loops Paho's connect starts and then polls for; null if not. */
    static BooleanSupplier loopRunning(Runnable task) {
        if (task instanceof org.eclipse.paho.client.mqttv3.internal.CommsReceiver loop) {
            return loop::isRunning;
        } else if (task instanceof org.eclipse.paho.client.mqttv3.internal.CommsSender loop) {
            return loop::isRunning;
        } else if (task instanceof org.eclipse.paho.client.mqttv3.internal.CommsCallback loop) {
            return loop::isRunning;
        } else if (task instanceof org.eclipse.paho.mqttv5.client.internal.CommsReceiver loop) {
            return loop::isRunning;
        } else if (task instanceof org.eclipse.paho.mqttv5.client.internal.CommsSender loop) {
            return loop::isRunning;
        } else if (task instanceof org.eclipse.paho.mqttv5.client.internal.CommsCallback loop) {
            return loop::isRunning;
        }
        return null;
    }

    /** Connects woken from their poll as a loop they started began: a count for tests. */
    long wokenFromPolls() {
        return wokenFromPolls.sum();
    }

    /** Loops a connect started and then polled for, each with a {@link Wake}: a count for tests. */
    long loopsStartedByConnects() {
        return loopsStartedByConnects.sum();
    }

    /** Connects ended as soon as the loop they polled for ended, not after the looks' wait: a count for tests. */
    long endedAsTheirLoopEnded() {
        return endedAsTheirLoopEnded.sum();
    }

    /** {@code connect}, to run on a pool thread, looked at while it runs. */
    Runnable track(Runnable connect) {
        if (looking.compareAndSet(false, true)) {
            looks.scheduleWithFixedDelay(this::lookOnSchedule, LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new Running(connect);
    }

    StuckConnects stuck() {
        return new StuckConnects(stuckByDevice, canEnd);
    }

    /**
     * {@link #stuck}, once every connect running now has ended or been found waiting for ever, or {@link #SETTLING} has
     * passed: when a fleet has stopped, its last connects' threads may not have been looked at long enough yet.
     */
    StuckConnects stuckOnceSettled() {
        long deadline = System.nanoTime() + SETTLING.toNanos();
        look();
        while (running.values().stream().anyMatch(connect -> !connect.stuck) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(LOOK_EVERY.toMillis() / 4);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            look();
        }
        return stuck();
    }

    /** Connects running now, waiting or not: a count for tests. */
    int running() {
        return running.size();
    }

    /** A look that fails is logged: thrown, it would end every look to come. */
    private void lookOnSchedule() {
        try {
            look();
        } catch (RuntimeException failed) {
            LOG.warn("looking at Paho's connects failed", failed);
        }
    }

    private synchronized void look() {
        long now = System.nanoTime();
        running.forEach((thread, connect) -> {
            if (now - connect.startedNanos < LOOK_EVERY.toNanos()) {
                // Most connects are over within milliseconds: their stacks are not read, each a pause of every thread.
                return;
            }
            // Asleep or not, first: only a sleeping connect may be in a poll, and a stack read stops every thread (Wake).
            if (connect.stuck || thread.getState() != Thread.State.TIMED_WAITING
                    || !Arrays.stream(thread.getStackTrace()).anyMatch(PahoConnects::waitsForALoop)) {
                connect.waitingSince = Running.NOT_WAITING;
            } else if (!connect.waiting()) {
                connect.waitingSince = now;
            } else if (now - connect.waitingSince >= WAITING_FOR_EVER.toNanos()) {
                endWaitingForEver(thread, connect);
            }
        });
    }

    /** {@code connect}, on {@code thread}, waits for ever: counted for its device, and ended, unless it was already. */
    private synchronized boolean endWaitingForEver(Thread thread, Running connect) {
        if (connect.stuck || connect.ended) {
            return false;
        }
        connect.stuck = true;
        stuckByDevice.merge(deviceOf(thread), 1L, Long::sum);
        end(thread);
        return true;
    }


    @SuppressWarnings({"deprecation", "removal"})
    private void end(Thread waitingForEver) {
        if (!canEnd) {
            return;
        }
        try {
            waitingForEver.stop();
        } catch (UnsupportedOperationException gone) {
            canEnd = false;
        }
    }

    private static String deviceOf(Thread connect) {
        String name = connect.getName();
        return name.startsWith(CONNECT_THREAD) ? name.substring(CONNECT_THREAD.length()) : name;
    }

    private static boolean waitsForALoop(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("org.eclipse.paho.") && frame.getMethodName().equals("start")
                && LOOPS_STARTED_BY_A_CONNECT.contains(type.substring(type.lastIndexOf('.') + 1));
    }

    /** A connect on its pool thread; a stop meant for it ends here, and the thread goes back to the pool. */
    private final class Running implements Runnable {

        static final long NOT_WAITING = Long.MIN_VALUE;

        private final Runnable connect;
        private final long startedNanos = System.nanoTime();
        /** Set by {@link #look}, under its lock. */
        private volatile long waitingSince = NOT_WAITING;
        private volatile boolean stuck;
        /** Set under this object's lock, which a wake takes. */
        private volatile boolean ended;
        /** The loop this connect started last, and polls for if it polls. */
        private volatile Wake lastLoop;

        Running(Runnable connect) {
            this.connect = connect;
        }

        boolean waiting() {
            return waitingSince != NOT_WAITING;
        }

        /** Wakes the connect, on {@code thread}, from its poll, unless it has ended ({@link Wake}). */
        synchronized void wake(Thread thread) {
            if (!ended) {
                thread.interrupt();
                wokenFromPolls.increment();
            }
        }

        @Override
        @SuppressWarnings({"deprecation", "removal"})
        public void run() {
            Thread thread = Thread.currentThread();
            running.put(thread, this);
            try {
                connect.run();
            } catch (ThreadDeath stopped) {
                if (!stuck) {
                    throw stopped;
                }
            } finally {
                running.remove(thread);
                synchronized (this) {
                    ended = true;
                    // A wake that came as one of the connect's polls ended by itself is not the next task's.
                    Thread.interrupted();
                }
            }
        }
    }

    /**
     * Paho's connect has handed a loop to the pool and polls for it to run in 100 ms sleeps: it nearly always misses its
     * first look, as the loop has not begun yet, and sleeps a whole step for each of its three loops. That is 300 ms of
     * every attempt, in which the scenario clock must stay at real time (at 771x it is 4 min of the device's
     * reconnect), and, all the time while 1,000 devices came back from {@code refuse-connect} over Paho's backoff, it
     * held their recovery at real time: 643 of 1,000 (Paho v3) were back 200 s into a 30 min recovery, and a run took
     * about the phase's length in real time. So once the loop says it runs and the connect sleeps, the connect is woken
     * (an interrupt: Paho's sleep swallows it, looks again, and finds the loop running). Looked for every
     * {@link #WAKE_LOOK_EVERY} on the looks' thread, none of whose tasks waits; not past {@link #POLL_ENTERED} (one of
     * Paho's steps: a connect held up longer finds the loop running when it first looks).
     * <p>
     * A connect that found the loop running on its own may be asleep in its next poll by then: woken, it looks, and
     * sleeps on. One that woke by itself just before the interrupt goes on with it set, to be taken by its next poll's
     * sleep; after its last, Paho's connect only queues its CONNECT, which waits for nothing. None is left once the
     * connect has ended: it is cleared there ({@link Running#run}), under the lock the wake takes.
     * <p>
     * A loop that ends before the connect saw it run (its connection reset in that moment, or stopped before it
     * began) never will say it runs: a connect found asleep in its poll for it is ended at once, as the looks would
     * end it 2 s on. Under {@code reset}, 1,000 Paho devices each left such a connect for most attempts, each waking
     * ten times a second and its stack read by every look until it was ended.
     */
    private final class Wake implements Runnable {

        private final Running connect;
        private final Thread thread;
        private final BooleanSupplier loopRuns;
        private final long deadline = System.nanoTime() + pollEntered.toNanos();
        private volatile boolean loopEnded;

        Wake(Running connect, Thread thread, BooleanSupplier loopRuns) {
            this.connect = connect;
            this.thread = thread;
            this.loopRuns = loopRuns;
        }

        @Override
        public void run() {
            if (connect.ended || loopEnded || System.nanoTime() - deadline > 0) {
                return;
            }
            if (loopRuns.getAsBoolean() && thread.getState() == Thread.State.TIMED_WAITING) {
                connect.wake(thread);
            } else {
                looks.schedule(this, WAKE_LOOK_EVERY.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        /** On the loop's thread, as it ends. */
        void loopEnded() {
            loopEnded = true;
            if (!connect.ended) {
                long endedAt = System.nanoTime();
                looks.execute(() -> lookForAConnectWaitingForIt(endedAt));
            }
        }

        /** The connect, still in its poll for this loop (its last), which ended at {@code endedAt}: it waits for ever. */
        private void lookForAConnectWaitingForIt(long endedAt) {
            if (connect.ended || connect.stuck || connect.lastLoop != this) {
                return;
            }
            // While this is its last loop, the connect's only timed wait is its poll for it. Its stack is not read: on
            // Java 17 each read stops every thread of the JVM (a ThreadDump safepoint), and reading one here for each
            // connect under reset held all of them for 59 s of a 200 s run.
            if (thread.getState() == Thread.State.TIMED_WAITING && endWaitingForEver(thread, connect)) {
                endedAsTheirLoopEnded.increment();
            } else if (System.nanoTime() - endedAt < pollEntered.toNanos()) {
                looks.schedule(() -> lookForAConnectWaitingForIt(endedAt), WAKE_LOOK_EVERY.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }
}
