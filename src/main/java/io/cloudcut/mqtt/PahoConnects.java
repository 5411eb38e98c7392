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
 * for ever: it is counted for its device, and its thread is stopped ({@link Thread#stop}: the only way out of that
 * sleep, which swallows interrupts). The stop unwinds Paho's connect, which holds no lock there and has nothing left
 * to do, up to this class, which catches it: the pool's thread serves the next loop. Where {@link Thread#stop} is gone
 * (Java 20 on), the connects are counted and left waiting.
 */
final class PahoConnects {

    static final Duration WAITING_FOR_EVER = Duration.ofSeconds(2);
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
    private volatile boolean canEnd = true;

    PahoConnects(ScheduledExecutorService looks) {
        this.looks = looks;
    }

    static boolean isConnect(Runnable task) {
        return task.getClass().getName().startsWith("org.eclipse.paho.") && task.getClass().getName().endsWith("$ConnectBG");
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
                // Most connects are over in a few hundred milliseconds: their stacks are not read, each a pause of the thread.
                return;
            }
            if (connect.stuck || !Arrays.stream(thread.getStackTrace()).anyMatch(PahoConnects::waitsForALoop)) {
                connect.waitingSince = Running.NOT_WAITING;
            } else if (!connect.waiting()) {
                connect.waitingSince = now;
            } else if (now - connect.waitingSince >= WAITING_FOR_EVER.toNanos()) {
                connect.stuck = true;
                stuckByDevice.merge(deviceOf(thread), 1L, Long::sum);
                end(thread);
            }
        });
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

        Running(Runnable connect) {
            this.connect = connect;
        }

        boolean waiting() {
            return waitingSince != NOT_WAITING;
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
            }
        }
    }
}
